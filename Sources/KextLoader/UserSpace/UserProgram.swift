import Foundation

/// A user program written as a scenario: the buffers the process has in its data segment and
/// the system calls it makes, each with the result it expects. aixsim runs it as the simulated
/// user process after CFG_INIT.
///
///     { "buffers": [ { "name": "msg", "text": "hello" }, { "name": "out", "size": 64 } ],
///       "steps": [
///         { "call": "kx_echo", "args": ["@msg", "@out", 5], "expect": 5 },
///         { "check": "out", "text": "hello" },
///         { "call": "kx_echo", "args": ["0xF100000040000000", "@out", 5],
///           "expect": -1, "errno": "EFAULT" },
///         { "interrupt": 5 } ] }
///
/// An argument is a number, `@NAME` or `@NAME+OFFSET` (a buffer's user address), or a hex
/// address such as a kernel one, passed as it is (the point of the bad cases).
///
/// The second form of the user side, beside a C program (`UserProgramRun+C.swift`, the primary
/// one): no compiler needed, and every step states the result it expects, each mismatch a
/// finding naming the step. Every buffer lives in the user segment.
public struct UserProgram: Decodable, Sendable {
    public struct Buffer: Decodable, Sendable {
        public let name: String
        /// Initial contents; the buffer is at least this long (a NUL follows text).
        public let text: String?
        public let bytes: [UInt8]?
        public let size: Int?

        var contents: [UInt8] { bytes ?? text.map { Array($0.utf8) + [0] } ?? [] }
        var length: Int { max(size ?? 0, contents.count) }
    }

    public enum Argument: Decodable, Sendable, Equatable {
        case number(Int64)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int64.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
        }
    }

    public struct Step: Decodable, Sendable {
        /// A system call to make, by the name its kext's export file gives it.
        public let call: String?
        public let args: [Argument]?
        /// The return value the program expects, and the errno when it is -1.
        public let expect: Int64?
        public let errno: String?
        /// A buffer whose contents to compare (in the process, after the calls before it).
        public let check: String?
        public let text: String?
        public let bytes: [UInt8]?
        /// A device interrupt to raise on this bus level, letting its handler run, as the
        /// hardware would while the program waits.
        public let interrupt: Int32?
    }

    public let buffers: [Buffer]?
    public let steps: [Step]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(_ path: String) throws(Failure) -> UserProgram {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(description: "cannot read user program \(path): \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(UserProgram.self, from: data) } catch {
            throw Failure(description: "user program \(path) is not a valid scenario: \(error)")
        }
    }
}
