/// The distinct kext call sites of each allocating service, in the order each first called:
/// what `aixsim explore` fails one at a time (`--fail xmalloc:site=…`). Keyed by return address
/// so a kext allocating in a loop pays for naming its site once. In a kernel without a kext
/// runtime (as the benchmarks run it) no call names a site, and that is remembered by return
/// address too, or every call would ask again.
struct AllocationSites {
    private(set) var ordered: [FaultInjection.Service: [String]] = [:]
    private var byAddress: [UInt: String?] = [:]
    private var known: Set<String> = []
    private var last: (address: UInt, location: String?) = (0, nil)

    /// Whether the call in progress comes from the return address the last one did (then its
    /// site is noted already).
    func isLast(_ returnAddress: UInt) -> Bool { returnAddress != 0 && returnAddress == last.address }

    /// The site of the call in progress, noted if new. Without a return address (a kext that
    /// tail-called the service) the site is asked for every time. `noKextRuntime`: no site can
    /// be named at all, so an unnamed answer may be remembered like a named one.
    mutating func note(_ service: FaultInjection.Service, returnAddress: UInt, noKextRuntime: Bool = false,
                       site: () -> String?) -> String? {
        // A kext allocating in a loop calls from one place: a compare, not a hash, per call.
        if isLast(returnAddress) { return last.location }
        if returnAddress != 0, let cached = byAddress[returnAddress] {
            last = (returnAddress, cached)
            return cached
        }
        let location = site()
        if returnAddress != 0, location != nil || noKextRuntime {
            byAddress[returnAddress] = .some(location)
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
