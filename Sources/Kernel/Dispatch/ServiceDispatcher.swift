/// What service calls go through: the implementations in export-list order, each export's legal
/// environments, and what the calls left behind (the trace, the console, the phase they ran in).
struct ServiceDispatcher {
    /// Each export's implementation, by export-list index.
    let services: [ServiceDefinition]
    /// Each export's legal environments, by export-list index.
    let allowedEnvironments: [ServiceEnvironments]
    private(set) var trace: CallTrace
    /// Everything the kexts printed, in order.
    private(set) var console: [String] = []
    /// The entry-point command being run, for the trace (`CFG_INIT`, `CFG_TERM`, …).
    var phase = "load"
    /// Where the service call in progress returns to in kext code; 0 outside a call.
    var returnAddress: UInt = 0

    init(traceLimit: Int) {
        trace = CallTrace(limit: traceLimit)
        allowedEnvironments = ExportList.all.map(\.environments)
        services = ExportList.all.map { export in
            guard let definition = Kernel.serviceDefinitions[export.name] else {
                fatalError("the export list names \(export.name) but the kernel does not implement it")
            }
            return definition
        }
    }

    mutating func appendConsole(_ text: String) {
        console.append(text)
    }

    /// Counts a call; returns its sequence number.
    mutating func count(_ index: Int) -> Int { trace.count(index) }

    mutating func append(_ record: CallRecord) { trace.append(record) }
}
