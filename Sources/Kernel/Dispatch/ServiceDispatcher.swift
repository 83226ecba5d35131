/// What service calls go through: the implementations in export-list order, each export's legal
/// environments, and what the calls left behind (the trace, the console, the phase they ran in).
struct ServiceDispatcher {
    /// Each export's implementation, by export-list index. Process-wide and never freed (the
    /// export list is the process's), so a call reads its element without retaining an array,
    /// and each definition unretained: each is retained once and never released.
    let services: UnsafeBufferPointer<Unmanaged<ServiceDefinition>>
    /// Each export's legal environments, by export-list index; process-wide like `services`.
    let allowedEnvironments: UnsafeBufferPointer<ServiceEnvironments>
    private(set) var trace: CallTrace
    /// Everything the kexts printed, in order.
    private(set) var console: [String] = []
    /// The entry-point command being run, for the trace (`CFG_INIT`, `CFG_TERM`, …).
    var phase = "load"
    /// Where the service call in progress returns to in kext code; 0 outside a call.
    var returnAddress: UInt = 0

    init(traceLimit: Int) {
        trace = CallTrace(limit: traceLimit)
        (services, allowedEnvironments) = Self.tables
    }

    nonisolated(unsafe) private static let tables: (UnsafeBufferPointer<Unmanaged<ServiceDefinition>>,
                                                    UnsafeBufferPointer<ServiceEnvironments>) = {
        let definitions = ExportList.all.map { export in
            guard let definition = Kernel.serviceDefinitions[export.name] else {
                fatalError("the export list names \(export.name) but the kernel does not implement it")
            }
            return definition
        }
        // Retained once here and never released: the buffer is the process's, like the list.
        let services = UnsafeMutableBufferPointer<Unmanaged<ServiceDefinition>>.allocate(capacity: definitions.count)
        _ = services.initialize(from: definitions.map { Unmanaged.passRetained($0) })
        let allowed = UnsafeMutableBufferPointer<ServiceEnvironments>.allocate(capacity: definitions.count)
        _ = allowed.initialize(from: ExportList.all.map(\.environments))
        return (UnsafeBufferPointer(services), UnsafeBufferPointer(allowed))
    }()

    mutating func appendConsole(_ text: String) {
        console.append(text)
        consoleBytes += text.utf8.count
    }

    /// The console's size so far, for the output limit.
    private(set) var consoleBytes = 0

    /// Counts a call; returns its sequence number.
    mutating func count(_ index: Int) -> Int { trace.count(index) }

    mutating func append(_ record: CallRecord) { trace.append(record) }

    mutating func settle(_ sequence: Int, result: Int64, resultText: String?) {
        trace.settle(sequence, result: result, resultText: resultText)
    }
}
