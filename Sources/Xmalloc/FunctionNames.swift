#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling-function names xmalloc records carry, interned process-wide: a record holds a
/// number, so copying one (into the live table, the freed ring, a poisoned block's slot) retains
/// no string. Names are few (one per call site) and live for the process; the text is looked up
/// only when a report or a test asks for it.
final class FunctionNames: @unchecked Sendable {
    static let shared = FunctionNames()

    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private var numbers: [String: UInt32] = [:]
    private var names: [String] = []

    private init() {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    func number(of name: String) -> UInt32 {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let known = numbers[name] { return known }
        let number = UInt32(names.count)
        names.append(name)
        numbers[name] = number
        return number
    }

    func name(_ number: UInt32) -> String {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return names[Int(number)]
    }
}
