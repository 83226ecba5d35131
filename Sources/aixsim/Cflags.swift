import ArgumentParser
import KextLoader

extension AIXSim {
    struct Cflags: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cflags",
            abstract: "Print the compiler flags that build a kext against aixsim's AIX headers.",
            discussion: """
                For your own makefile: CFLAGS += $(shell aixsim cflags), then link the objects \
                together with the service stubs, $(CC) $(CFLAGS) -o mykext.so a.o b.o \
                $(shell aixsim cflags --stubs), and load mykext.so with aixsim load. The stubs \
                bind services the kext calls without their header, as AIX's link against \
                kernex.exp did.
                """)

        @Flag(help: "Print the path of the C file of service stubs to link into the kext, instead of the flags.")
        var stubs = false

        func run() {
            let environment = KextBuildEnvironment()
            if stubs { print(Self.quoted(environment.serviceStubsSource.path)); return }
            print(environment.kextCompilerFlags().map(Self.quoted).joined(separator: " "))
        }

        /// A flag as a shell reads it back: quoted only when it holds a space or a quote.
        static func quoted(_ flag: String) -> String {
            flag.contains(where: { " \t'\"".contains($0) }) ? "'" + flag.replacingOccurrences(of: "'", with: "'\\''") + "'" : flag
        }
    }
}
