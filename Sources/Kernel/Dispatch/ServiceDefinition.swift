/// A service's implementation, and how its arguments read in the trace (rendered only for
/// calls the trace keeps whole).
///
/// A class with `let` closures: the dispatcher holds each definition unretained and calls the
/// implementation in place, where a closure copied out of a struct in a buffer is retained and
/// released around every call.
final class ServiceDefinition: Sendable {
    let implementation: @Sendable (Kernel, ServiceCall) -> ServiceReturn
    let arguments: @Sendable (Kernel, ServiceArguments) -> [CallArgument]

    init(implementation: @escaping @Sendable (Kernel, ServiceCall) -> ServiceReturn,
         arguments: @escaping @Sendable (Kernel, ServiceArguments) -> [CallArgument])
    {
        self.implementation = implementation
        self.arguments = arguments
    }
}

/// The services one AIX header declares, as the export list's header column names it
/// (`sys/vmuser.h`), each with its definition.
struct ServiceTable: Sendable {
    let header: String
    let definitions: [String: ServiceDefinition]
}

/// One call in progress: which service (its export-list index), from which kext, with which
/// arguments.
struct ServiceCall {
    let index: Int
    let kext: KextID
    let arguments: ServiceArguments

    var export: KernelExport { ExportList.all[index] }
}
