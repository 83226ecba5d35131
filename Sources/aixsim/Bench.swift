import ArgumentParser

extension AIXSim {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure aixsim's costs against baselines measured in the same run.")

        func run() throws {
            throw ValidationError("bench is not built yet")
        }
    }
}
