import Foundation

/// Turns the global-memory SVG into a PNG with librsvg's `rsvg-convert`, for people who would
/// rather open a picture than an SVG. aixsim draws the SVG itself; rasterising is the tool's job.
enum PNGConverter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(svg: String, to path: String) throws {
        guard let tool = findTool() else {
            throw Failure(description: "writing PNG needs rsvg-convert (Debian: apt-get install librsvg2-bin); "
                + "or give a .svg file")
        }
        let temporary = FileManager.default.temporaryDirectory
            .appending(path: "aixsim-map-\(getpid()).svg")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try svg.write(to: temporary, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--format", "png", "--output", path, temporary.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "rsvg-convert failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    private static func findTool() -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appending(path: "rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
