import ArgumentParser
import KextLoader

extension AIXSim {
    struct Cflags: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cflags",
            abstract: "Print the compiler flags that build a kext against aixsim's AIX headers.",
            discussion: """
                For your own makefile: CFLAGS += $(shell aixsim cflags), then link the objects \
                with $(CC) $(CFLAGS) -o mykext.so a.o b.o and load mykext.so with aixsim load.
                """)

        func run() {
            print(KextBuildEnvironment().kextCompilerFlags().map(Self.quoted).joined(separator: " "))
        }

        /// A flag as a shell reads it back: quoted only when it holds a space or a quote.
        static func quoted(_ flag: String) -> String {
            flag.contains(where: { " \t'\"".contains($0) }) ? "'" + flag.replacingOccurrences(of: "'", with: "'\\''") + "'" : flag
        }
    }
}
