/// Every exported service's implementation, by name. Each AIX header's services keep their own
/// table beside their code (Services/, one file per header); this only merges the tables. The
/// kernel refuses to start if the export list names a service missing from all of them, and a
/// service defined twice, or filed under a header other than the one the export list gives it,
/// stops aixsim here.
extension Kernel {
    static let serviceTables: [ServiceTable] = [
        vmUserServices, uioServices, stdioServices, intrServices, typesServices, threadServices,
        sysPestServices, pinServices, timerServices, sleepServices, exceptServices, mallocServices,
        locklServices, lockDefServices, lockAllocServices, sleepLocklServices,
        copyServices, userServices, errnoServices, deviceServices, xmemServices, xmemPinServices,
        atomicOpServices, timeServices, errIdsServices, watchdogServices, signalServices, ioAccServices,
    ]

    static let serviceDefinitions: [String: ServiceDefinition] = serviceTables.reduce(into: [:]) { all, table in
        for name in table.definitions.keys {
            if let declared = ExportList.byName[name]?.header, declared != table.header {
                fatalError("\(name) is declared in <\(declared)> but implemented among the <\(table.header)> services")
            }
        }
        all.merge(table.definitions) { _, _ in fatalError("a kernel service is defined twice") }
    }
}
