/// printf's `%p` as the kernel prints it: an effective address for a pointer into global
/// memory, not the host address the pointer really holds.
///
/// The format is rewritten before it is formatted: each `%p` conversion is bracketed by two
/// marker bytes the output then shows around the host's rendering of the pointer, which is
/// replaced afterwards. Formatting itself stays the guarded C formatter's, with the kext's
/// own arguments.
enum PointerConversions {
    static let open: Character = "\u{1}"
    static let close: Character = "\u{2}"

    /// The format with every `%p` bracketed, or nil when it has none (the common case, left
    /// untouched). `%%` is a literal percent sign, never a conversion.
    static func bracketed(_ format: String) -> String? {
        var out = ""
        var found = false
        var chars = format[...]
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            // Flags, width, precision and length modifiers, then the conversion character.
            var spec = "%"
            while let next = chars.popFirst() {
                spec.append(next)
                if next.isLetter && !"hlLqjzt".contains(next) || next == "%" { break }
            }
            if spec.last == "p" {
                out.append(open); out += spec; out.append(close)
                found = true
            } else {
                out += spec
            }
        }
        return found ? out : nil
    }

    /// The formatted output with each bracketed host pointer replaced by `rewrite`'s text, or
    /// left as the host printed it when `rewrite` has none (a pointer outside global memory).
    static func replaced(_ output: String, rewrite: (UInt) -> String?) -> String {
        var result = ""
        var rest = output[...]
        while let start = rest.firstIndex(of: open) {
            result += rest[..<start]
            rest = rest[rest.index(after: start)...]
            guard let end = rest.firstIndex(of: close) else { break }
            let field = String(rest[..<end])
            rest = rest[rest.index(after: end)...]
            let digits = field.trimmingCharacters(in: .whitespaces)
            let value = digits.hasPrefix("0x") ? UInt(digits.dropFirst(2), radix: 16) : nil
            guard let text = value.flatMap(rewrite) else { result += field; continue }
            // Keep the field width the kext asked for, padded on the side the host padded.
            let padding = String(repeating: " ", count: max(0, field.count - text.count))
            result += field.hasPrefix(" ") ? padding + text : text + padding
        }
        return result + rest
    }
}
