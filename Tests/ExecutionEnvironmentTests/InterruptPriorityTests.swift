import Foundation
import Testing
@testable import ExecutionEnvironment

@Suite("InterruptPriority")
struct InterruptPriorityTests {
    /// AIX 5.3's <sys/intr.h>, most favoured first.
    static let aix: [(InterruptPriority, String, Int32)] = [
        (.INTMAX, "INTMAX", 0), (.INTCLASS0, "INTCLASS0", 1), (.INTCLASS1, "INTCLASS1", 2),
        (.INTCLASS2, "INTCLASS2", 3), (.INTCLASS3, "INTCLASS3", 4), (.INTTIMER, "INTTIMER", 5),
        (.INTOFFL0, "INTOFFL0", 6), (.INTOFFL1, "INTOFFL1", 7), (.INTOFFL2, "INTOFFL2", 8),
        (.INTOFFL3, "INTOFFL3", 9), (.INTIODONE, "INTIODONE", 10), (.INTBASE, "INTBASE", 11),
    ]

    @Test("Each priority carries AIX's value and name")
    func values() {
        for (priority, name, value) in Self.aix {
            #expect(priority.rawValue == value, "\(name)")
            #expect(priority.name == name)
            #expect(InterruptPriority(rawValue: value) == priority)
        }
    }

    @Test("Values outside INTMAX…INTBASE are no priority", arguments: [Int32(-1), 12, 100, .min, .max])
    func outOfRange(value: Int32) {
        #expect(InterruptPriority(rawValue: value) == nil)
    }

    @Test("Smaller is more favoured, and raising never lowers")
    func ordering() {
        for (a, _, va) in Self.aix {
            for (b, _, vb) in Self.aix {
                #expect(a.isMoreFavoured(than: b) == (va < vb), "\(a) vs \(b)")
                #expect(InterruptPriority.mostFavoured(a, b).rawValue == min(va, vb), "\(a) vs \(b)")
            }
        }
    }

    @Test("JSON carries the AIX name, and reads it back")
    func codable() throws {
        for (priority, name, _) in Self.aix {
            let data = try JSONEncoder().encode([priority])
            #expect(String(decoding: data, as: UTF8.self) == "[\"\(name)\"]")
            #expect(try JSONDecoder().decode([InterruptPriority].self, from: data) == [priority])
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([InterruptPriority].self, from: Data("[\"INTNOPE\"]".utf8))
        }
    }
}
