import Foundation

/// One frame of kext code a report points at: the function (from the kext's symbols) and the
/// source line (from its DWARF line table, when it was built with `-g`), with that line and its
/// neighbours as text. It carries the text itself, not a path to read later, so a report printed
/// by another process (or after the source changed) still shows what ran.
public struct KextFrame: Codable, Sendable, Hashable, CustomStringConvertible {
    /// One line of the kext's source; `isTarget` marks the line the frame names.
    public struct SourceLine: Codable, Sendable, Hashable {
        public let number: Int
        public let text: String
        public let isTarget: Bool

        public init(number: Int, text: String, isTarget: Bool) {
            self.number = number
            self.text = text
            self.isTarget = isTarget
        }
    }

    public let function: String?
    public let offset: UInt64?
    /// The source file as the compiler recorded it; nil for a kext built without `-g`.
    public let file: String?
    public let line: Int?
    /// The line and one line of context either side, when the file could be read.
    public let source: [SourceLine]?

    public init(function: String?, offset: UInt64?, file: String?, line: Int?, source: [SourceLine]?) {
        self.function = function
        self.offset = offset
        self.file = file
        self.line = line
        self.source = source
    }

    /// `name.c:12`, or nil without debug information.
    public var fileLine: String? {
        guard let file, let line else { return nil }
        return "\(URL(fileURLWithPath: file).lastPathComponent):\(line)"
    }

    /// `function+0xOFFSET`, the fallback for kexts built without `-g`.
    public var functionOffset: String? {
        function.map { "\($0)+0x\(String(offset ?? 0, radix: 16))" }
    }

    /// `function+0xOFFSET (file.c:12)`, with whichever halves are known: for messages that
    /// name a call site inline.
    public var site: String {
        switch (functionOffset, fileLine) {
        case let (f?, l?): "\(f) (\(l))"
        case let (f?, nil): f
        case let (nil, l?): l
        case (nil, nil): "?"
        }
    }

    /// `file.c:12 in function` when the line is known, else `function+0xOFFSET`.
    public var description: String {
        switch (fileLine, function) {
        case let (line?, name?): "\(line) in \(name)"
        case let (line?, nil): line
        case (nil, _): functionOffset ?? "?"
        }
    }
}
