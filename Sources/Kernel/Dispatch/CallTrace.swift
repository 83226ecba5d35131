/// One argument of a traced call, rendered the way a kernel engineer would write it.
public struct CallArgument: Codable, Sendable, Equatable {
    public let name: String
    public let value: String
}

/// One kernel-service call a kext made, with what it returned.
public struct CallRecord: Codable, Sendable {
    public let sequence: Int
    public let kext: String
    /// The entry-point command the call happened under, e.g. `CFG_INIT`.
    public let phase: String
    public let service: String
    public let arguments: [CallArgument]
    public let result: Int64
    /// The result as it reads best, when that is not a number (an address, a priority name).
    public let resultText: String?
    /// The errno name when the result is an error number, e.g. `ENOSPC`.
    public let error: String?
    /// What the call produced besides its result, e.g. the address stored through `eaddr`.
    public let detail: String?
    /// Console text, for printf.
    public let output: String?
    /// Where the CPU was, when not plain process level: the interrupt source and priority.
    public let context: String?
}

/// The kernel-service calls of a run, in order. The first `limit` are kept whole; after that
/// only counts per service, so a kext that loops on a service cannot exhaust memory.
public struct CallTrace: Sendable {
    public let limit: Int
    public private(set) var records: [CallRecord] = []
    public private(set) var totalCalls = 0
    /// Calls per service, by export-list index.
    private var counts = [Int](repeating: 0, count: ExportList.all.count)

    public init(limit: Int = 10_000) { self.limit = limit }

    public var droppedCalls: Int { totalCalls - records.count }

    public var callsByService: [String: Int] {
        var out: [String: Int] = [:]
        for (i, n) in counts.enumerated() where n > 0 { out[ExportList.all[i].name] = n }
        return out
    }

    var keepsRecords: Bool { records.count < limit }

    /// Counts one call of the service at `index`; returns the call's sequence number.
    mutating func count(_ index: Int) -> Int {
        counts[index] += 1
        totalCalls += 1
        return totalCalls
    }

    mutating func append(_ record: CallRecord) {
        records.append(record)
    }
}
