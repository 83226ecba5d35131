import Foundation
import Kernel

/// A scripted run, read from JSON: what to hand the entry point and which interrupts to raise
/// when, so a run can be repeated exactly and kept with a kext.
///
///     { "data": "mode=fast",
///       "runFor": "50ms",
///       "interrupts": [ { "level": 5, "at": "10ms", "count": 3 } ],
///       "fail": [ "xmalloc:nth=3", "vm_galloc:p=0.01" ] }
public struct Scenario: Decodable, Sendable {
    public struct Interrupt: Decodable, Sendable {
        public let level: Int32
        public let at: String?
        public let count: Int?
    }

    public let data: String?
    public let runFor: String?
    public let interrupts: [Interrupt]?
    /// Fault injection rules, as `--fail` takes them.
    public let fail: [String]?

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case badTime(String)
        case badFailure(String)
        /// The file is JSON but not a scenario: the message names the offending key.
        case invalid(String, String)
        public var description: String {
            switch self {
            case .invalid(let path, let why): "\(path): \(why)"
            case .badFailure(let text): "scenario: '\(text)' is not a fault-injection rule such as xmalloc:nth=3"
            case .unreadable(let path, let why): "cannot read scenario \(path): \(why)"
            case .badTime(let text): "scenario: '\(text)' is not a duration such as 10ms or 2s"
            }
        }
    }

    public static func load(_ path: String) throws(Failure) -> Scenario {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let name = URL(fileURLWithPath: path).lastPathComponent
            if let why = ScenarioSchema.problem(in: try JSONSerialization.jsonObject(with: data)) {
                throw Failure.invalid(name, why)
            }
            return try JSONDecoder().decode(Scenario.self, from: data)
        } catch let failure as Failure {
            throw failure
        } catch let error as DecodingError {
            throw .unreadable(path, "\(error)".split(separator: "(").first.map(String.init) ?? "not valid JSON")
        } catch {
            throw .unreadable(path, error.localizedDescription)
        }
    }

    /// Adds the scenario to a request: its data if the request has none, its duration, its
    /// interrupts after the request's own.
    public func apply(to request: inout LoadRequest) throws(Failure) {
        if request.data == nil { request.data = data }
        if let runFor {
            guard let t = SimulatedTime.parse(runFor) else { throw .badTime(runFor) }
            request.runFor = t
        }
        for text in fail ?? [] {
            guard let rule = FaultInjection(parsing: text) else { throw .badFailure(text) }
            request.kernel.xmalloc.failures.append(rule)
        }
        for i in interrupts ?? [] {
            var at = SimulatedTime.zero
            if let text = i.at {
                guard let t = SimulatedTime.parse(text) else { throw .badTime(text) }
                at = t
            }
            request.interrupts.append(InterruptRequest(level: i.level, at: at, count: max(1, i.count ?? 1)))
        }
    }
}
