import Foundation

/// What a scenario file may hold, checked before decoding so that a typo names its key instead
/// of being silently ignored (JSONDecoder skips keys it does not know).
enum ScenarioSchema {
    enum Kind {
        case string(example: String)
        case integer
        case strings(example: String)
        case interrupts
    }

    static let topLevel: KeyValuePairs<String, Kind> = [
        "data": .string(example: "\"mode=fast\""),
        "runFor": .string(example: "\"20ms\""),
        "interrupts": .interrupts,
        "fail": .strings(example: "[\"xmalloc:nth=3\"]"),
    ]

    static let interrupt: KeyValuePairs<String, Kind> = [
        "level": .integer,
        "at": .string(example: "\"10ms\""),
        "count": .integer,
    ]

    /// The first thing wrong with a decoded JSON value as a scenario, in words, or nil.
    static func problem(in json: Any) -> String? {
        guard let object = json as? [String: Any] else { return "a scenario is a JSON object such as {\"runFor\": \"20ms\"}" }
        return problem(in: object, allowed: topLevel, context: "")
    }

    private static func problem(in object: [String: Any], allowed: KeyValuePairs<String, Kind>, context: String) -> String? {
        let names = allowed.map(\.key)
        for key in object.keys.sorted() where !names.contains(key) {
            let nearest = names.map { ($0, ImportCheck.editDistance(key, $0)) }
                .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
            return "unknown key \"\(context)\(key)\"" + (nearest.map { " (did you mean \"\(context)\($0.0)\"?)" } ?? "")
        }
        for (key, kind) in allowed {
            guard let value = object[key] else { continue }
            if let why = problem(with: value, kind: kind, named: context + key) { return why }
        }
        if !context.isEmpty, object["level"] == nil { return "\"\(context)level\" is required" }
        return nil
    }

    private static func problem(with value: Any, kind: Kind, named name: String) -> String? {
        switch kind {
        case .string(let example):
            return value is String ? nil : "\"\(name)\" must be a string like \(example)"
        case .integer:
            guard let number = value as? NSNumber,
                  number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 2e9
            else { return "\"\(name)\" must be a whole number" }
            return nil
        case .strings(let example):
            return (value as? [Any])?.allSatisfy({ $0 is String }) == true ? nil : "\"\(name)\" must be a list of strings like \(example)"
        case .interrupts:
            guard let list = value as? [Any] else {
                return "\"\(name)\" must be a list like [{\"level\": 5, \"at\": \"10ms\"}]"
            }
            for (i, element) in list.enumerated() {
                guard let object = element as? [String: Any] else {
                    return "\"\(name)[\(i)]\" must be an object like {\"level\": 5, \"at\": \"10ms\"}"
                }
                if let why = problem(in: object, allowed: interrupt, context: "\(name)[\(i)].") { return why }
            }
            return nil
        }
    }
}
