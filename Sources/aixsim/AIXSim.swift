import ArgumentParser

@main
struct AIXSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aixsim",
        abstract: "Load AIX 5L kernel extensions written in C and check them against AIX's kernel rules.",
        discussion: """
            aixsim emulates the memory subsystem of the 64-bit AIX 5L kernel: global memory from \
            vm_galloc/vm_gfree, with faults reported as AIX would take them. Kexts are compiled \
            against aixsim's AIX headers and run natively.
            """,
        version: "0.1.0",
        subcommands: [Load.self, Services.self, Bench.self],
        defaultSubcommand: nil)
}

/// `--json` and friends, shared by the subcommands that print reports.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object on standard output instead of the human report.")
    var json = false
}
