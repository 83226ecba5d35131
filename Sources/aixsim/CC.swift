import ArgumentParser
import Foundation
import KextLoader

extension AIXSim {
    struct CC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cc",
            abstract: "Run the C compiler with aixsim's kext flags and headers, then your arguments.",
            discussion: """
                Builds a kext of several C files in one step: aixsim cc -o mykext.so a.c b.c \
                -Wl,-e,mykext_entry. Arguments pass to the compiler unchanged; its exit status \
                is aixsim's.
                """)

        @Argument(parsing: .captureForPassthrough, help: "Arguments for the compiler: sources, -o, -D, -Wl,… .")
        var arguments: [String] = []

        func run() throws {
            guard let cc = KextBuildEnvironment.compiler() else {
                var stderr = StandardError()
                print("aixsim: no C compiler found (looked for $CC, cc, clang, gcc)", to: &stderr)
                throw ExitCode(1)
            }
            let process = Process()
            process.executableURL = cc
            let environment = KextBuildEnvironment()
            // A link of the kext (not a -c compile) gets the weak service stubs, as `aixsim load`
            // builds it, so services called without their header bind to the kext's table.
            let links = !arguments.contains("-c") && !arguments.contains("-E") && !arguments.contains("-S")
            process.arguments = environment.kextCompilerFlags(compiler: cc) + arguments
                + (links ? [environment.serviceStubsSource.path] : [])
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
        }
    }
}
