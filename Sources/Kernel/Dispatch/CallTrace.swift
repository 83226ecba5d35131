/// One argument of a traced call, rendered the way a kernel engineer would write it.
public struct CallArgument: Codable, Sendable, Equatable {
    public let name: String
    public let value: String
    /// The kext variable the value points into (`kx_lock`, `kx_state+0x10`), when it does.
    public var symbol: String? = nil
}

/// One kernel-service call a kext made, with what it returned.
public struct CallRecord: Codable, Sendable {
    public let sequence: Int
    public let kext: String
    /// The entry-point command the call happened under, e.g. `CFG_INIT`.
    public let phase: String
    public let service: String
    public let arguments: [CallArgument]
    public internal(set) var result: Int64
    /// The result as it reads best, when that is not a number (an address, a priority name).
    public internal(set) var resultText: String?
    /// The errno name when the result is an error number, e.g. `ENOSPC`.
    public let error: String?
    /// What the call produced besides its result, e.g. the address stored through `eaddr`.
    public let detail: String?
    /// Console text, for printf.
    public let output: String?
    /// Where the CPU was, when not plain process level: the interrupt source and priority.
    public let context: String?
    /// The service refused the call (it did not do what was asked); its result is not one.
    public var refused = false
    /// The call never came back to the kext: the system crashed inside it (a sleep cut short,
    /// a refused call that halts the system).
    public var neverReturned = false

    /// Whether the service returns nothing (`void`): the trace shows no result for it.
    public var isVoid: Bool { ExportList.byName[service]?.returnType == .void }
    /// Whether `result` means anything: not for void services, refusals or calls that never returned.
    public var hasResult: Bool { !isVoid && !refused && !neverReturned }

    public init(sequence: Int, kext: String, phase: String, service: String, arguments: [CallArgument],
                result: Int64, resultText: String?, error: String?, detail: String?, output: String?,
                context: String?)
    {
        self.sequence = sequence
        self.kext = kext
        self.phase = phase
        self.service = service
        self.arguments = arguments
        self.result = result
        self.resultText = resultText
        self.error = error
        self.detail = detail
        self.output = output
        self.context = context
        // Services mark a refusal in their detail; the flag makes it a value the reports test.
        refused = detail?.hasPrefix("refused") ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, kext, phase, service, arguments, result, resultText, error, detail, output, context
        case refused, neverReturned
    }

    /// A refused call, a void service or a call that never returned carries no `result`: JSON
    /// must not show a success the kext never got.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(kext, forKey: .kext)
        try c.encode(phase, forKey: .phase)
        try c.encode(service, forKey: .service)
        try c.encode(arguments, forKey: .arguments)
        if hasResult {
            try c.encode(result, forKey: .result)
            try c.encodeIfPresent(resultText, forKey: .resultText)
            try c.encodeIfPresent(error, forKey: .error)
        }
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encodeIfPresent(context, forKey: .context)
        if refused { try c.encode(true, forKey: .refused) }
        if neverReturned { try c.encode(true, forKey: .neverReturned) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try c.decode(Int.self, forKey: .sequence)
        kext = try c.decode(String.self, forKey: .kext)
        phase = try c.decode(String.self, forKey: .phase)
        service = try c.decode(String.self, forKey: .service)
        arguments = try c.decode([CallArgument].self, forKey: .arguments)
        result = try c.decodeIfPresent(Int64.self, forKey: .result) ?? 0
        resultText = try c.decodeIfPresent(String.self, forKey: .resultText)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        context = try c.decodeIfPresent(String.self, forKey: .context)
        refused = try c.decodeIfPresent(Bool.self, forKey: .refused) ?? false
        neverReturned = try c.decodeIfPresent(Bool.self, forKey: .neverReturned) ?? false
    }
}

/// The kernel-service calls of a run, in order. The first `limit` are kept whole; after that
/// only counts per service, so a kext that loops on a service cannot exhaust memory.
public struct CallTrace: Sendable {
    public let limit: Int
    public private(set) var records: [CallRecord] = []
    public private(set) var totalCalls = 0
    /// Calls per service, by export-list index. Shared by copies of the kernel's own trace, so
    /// counting a call checks no uniqueness; the trace the kernel hands out is `detached()`.
    private var counts: CallCounts
    /// `counts`' buffer, held in the trace itself: counting a call then loads no object first.
    /// Always the buffer of the `counts` beside it, which keeps it alive; sending a trace is as
    /// safe as sending `counts` (see CallCounts).
    nonisolated(unsafe) private var countSlots: UnsafeMutableBufferPointer<Int>

    public init(limit: Int = 10_000) {
        self.limit = limit
        counts = CallCounts(services: ExportList.all.count)
        countSlots = counts.buffer
    }

    public var droppedCalls: Int { totalCalls - records.count }

    public var callsByService: [String: Int] {
        var out: [String: Int] = [:]
        for (i, n) in counts.buffer.enumerated() where n > 0 { out[ExportList.all[i].name] = n }
        return out
    }

    /// Read on every counted call: a field of the trace, where `records.count` would load the
    /// array's buffer first.
    var keepsRecords: Bool { recordsKept < limit }
    /// `records.count`, kept by `append`, the only thing that adds records.
    private var recordsKept = 0

    /// Counts one call of the service at `index`; returns the call's sequence number.
    @inline(__always)
    mutating func count(_ index: Int) -> Int {
        precondition(index >= 0 && index < countSlots.count, "export index \(index) out of range")
        countSlots[index] += 1
        totalCalls += 1
        return totalCalls
    }

    /// A copy with counts of its own: what the kernel's counting does later does not show in it.
    func detached() -> CallTrace {
        var copy = self
        copy.counts = counts.copy()
        copy.countSlots = copy.counts.buffer
        return copy
    }

    mutating func append(_ record: CallRecord) {
        records.append(record)
        recordsKept += 1
    }

    /// Gives a call traced before it blocked (a sleep) the result it returned once it woke.
    mutating func settle(_ sequence: Int, result: Int64, resultText: String?) {
        guard let i = records.lastIndex(where: { $0.sequence == sequence }) else { return }
        records[i].result = result
        records[i].resultText = resultText
    }
}

/// A trace's calls per service, in a buffer counted in place. Only the kernel's own trace counts
/// (on the kernel's one thread); every trace handed out has a copy nobody counts in, which is
/// why sending one to another thread is safe.
final class CallCounts: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int>

    init(services: Int) {
        buffer = .allocate(capacity: services)
        buffer.initialize(repeating: 0)
    }

    func copy() -> CallCounts {
        let copy = CallCounts(services: buffer.count)
        _ = copy.buffer.update(fromContentsOf: buffer)
        return copy
    }

    deinit { buffer.deallocate() }
}
