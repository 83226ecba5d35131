/// The distinct kext call sites of each allocating service, in the order each first called:
/// what `aixsim explore` fails one at a time (`--fail xmalloc:site=…`). Keyed by return address
/// so a kext allocating in a loop pays for naming its site once.
struct AllocationSites {
    private(set) var ordered: [FaultInjection.Service: [String]] = [:]
    private var byAddress: [UInt: String] = [:]
    private var known: Set<String> = []
    private var last: (address: UInt, location: String?) = (0, nil)

    /// The site of the call in progress, noted if new. Without a return address (a kext that
    /// tail-called the service) the site is asked for every time.
    mutating func note(_ service: FaultInjection.Service, returnAddress: UInt, site: () -> String?) -> String? {
        // A kext allocating in a loop calls from one place: a compare, not a hash, per call.
        if returnAddress != 0, returnAddress == last.address { return last.location }
        if returnAddress != 0, let cached = byAddress[returnAddress] {
            last = (returnAddress, cached)
            return cached
        }
        let location = site()
        if returnAddress != 0, let location {
            byAddress[returnAddress] = location
            last = (returnAddress, location)
        }
        if let location, !known.contains("\(service.rawValue) \(location)") {
            known.insert("\(service.rawValue) \(location)")
            ordered[service, default: []].append(location)
        }
        return location
    }
}

extension Kernel {
    /// Each allocating service's distinct kext call sites (`function+0xOFFSET`), in first-call
    /// order, for the report.
    public var allocationSites: [String: [String]] {
        Dictionary(uniqueKeysWithValues: (allocation.faultInjector?.sites.ordered ?? [:]).map { ($0.key.rawValue, $0.value) })
    }
}
