import Foundation
@testable import Kernel
@testable import KextLoader

/// The C kexts the integration tests load, in Tests/AIXSimTests/Kexts.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "Kexts")

    static func path(_ name: String) -> String { directory.appending(path: "\(name).c").path }

    /// Compiles and loads fixture NAME (entry NAME_entry) in a fresh kernel and runs it.
    static func run(_ name: String, data: String? = nil, gallocHeap: UInt64? = nil,
                    pagingSpace: UInt64? = nil, realMemory: UInt64? = nil, entry: String? = nil,
                    xmalloc: XmallocSettings = XmallocSettings()) -> RunReport
    {
        var configuration = Kernel.Configuration()
        configuration.xmalloc = xmalloc
        configuration.realMemoryBytes = realMemory
        if let gallocHeap { configuration.gallocHeapBytes = gallocHeap }
        configuration.pagingSpaceBytes = pagingSpace
        return KextRun.run(LoadRequest(kext: path(name), entry: entry ?? "\(name)_entry", data: data,
                                       kernel: configuration))
    }
}

extension RunReport {
    /// The results of the kext's calls to one service, in order.
    func results(of service: String) -> [Int64] {
        calls.filter { $0.service == service }.map(\.result)
    }
}

/// Runs the aixsim executable the build made, as a user would.
enum AIXSimCommand {
    static var executable: URL {
        let tests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // swift test runs …/debug/aixsimPackageTests.xctest; the executable sits beside it.
        var dir = tests
        while dir.path != "/" {
            let candidate = dir.appending(path: "aixsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return tests.appending(path: "aixsim")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
