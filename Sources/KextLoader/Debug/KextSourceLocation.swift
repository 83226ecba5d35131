import Foundation
import Kernel

/// Where an address in a kext's code came from: the function containing it (from the symbol
/// table) and the source line (from the DWARF line table), each when the file records it.
public struct KextSourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// A function symbol and how far into it the address lies.
    public struct FunctionOffset: Sendable, Hashable {
        public let name: String
        public let offset: UInt64
    }

    /// A line of a source file; `column` is nil when the compiler did not record one.
    public struct Position: Sendable, Hashable {
        /// The path as the compiler recorded it (absolute when it was given one).
        public let file: String
        public let line: Int
        public let column: Int?
    }

    public let function: FunctionOffset?
    /// Nil for a kext built without debug information.
    public let position: Position?

    /// `function+0xOFFSET (file.c:LINE)`, with whichever halves are known.
    public var description: String {
        let site = function.map { "\($0.name)+0x\(String($0.offset, radix: 16))" }
        let line = position.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line)" }
        switch (site, line) {
        case let (site?, line?): return "\(site) (\(line))"
        case let (site?, nil): return site
        case let (nil, line?): return line
        case (nil, nil): return "?"
        }
    }

    /// The source line and `context` lines either side, read from the file the compiler
    /// recorded; nil when that file is gone or shorter than the line.
    public func snippet(context: Int = 1) -> SourceSnippet? {
        guard let position, let data = FileManager.default.contents(atPath: position.file) else { return nil }
        let lines = String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let first = max(1, position.line - max(context, 0))
        let last = min(lines.count, position.line + max(context, 0))
        return SourceSnippet(lines: (first...last).map { number in
            var text = String(lines[number - 1])
            if text.hasSuffix("\r") { text.removeLast() }
            return SourceSnippet.Line(number: number, text: text, isTarget: number == position.line)
        })
    }
}

/// A few numbered lines of a source file around the one a report points at.
public struct SourceSnippet: Sendable, Hashable, CustomStringConvertible {
    public struct Line: Sendable, Hashable {
        public let number: Int
        public let text: String
        /// The line the location names, as opposed to context.
        public let isTarget: Bool
    }

    public let lines: [Line]

    /// The lines numbered, the target marked with `>`.
    public var description: String {
        let width = String(lines.last?.number ?? 0).count
        return lines.map { line in
            let number = String(line.number)
            let padding = String(repeating: " ", count: max(0, width - number.count))
            return "\(line.isTarget ? ">" : " ") \(padding)\(number) | \(line.text)"
        }.joined(separator: "\n")
    }
}

extension KextFrame {
    /// The report's frame for a location: function, file:line and the line with one line of
    /// context, read now so the report keeps it.
    init(location: KextSourceLocation) {
        self.init(function: location.function?.name, offset: location.function?.offset,
                  file: location.position?.file, line: location.position?.line,
                  source: location.snippet(context: 1)?.lines.map {
                      KextFrame.SourceLine(number: $0.number, text: $0.text, isTarget: $0.isTarget)
                  })
    }
}
