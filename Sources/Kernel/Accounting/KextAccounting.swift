import VMM

/// What the kernel keeps per kext and per run: kext names, page faults charged to each kext,
/// code pins (pincode), and what the run noticed (findings) and did on its own (events).
struct KextAccounting {
    private var names: [String] = []
    /// Page-fault activity by kext.
    private(set) var pageFaults: [KextID: PageFaultCounts] = [:]
    /// The kext charged for faults seen between calls: the one that made the latest call.
    var pageFaultKext: KextID?
    /// How many times each kext pinned its code with pincode.
    private(set) var codePins: [KextID: Int] = [:]
    var findings: [Finding] = []
    var events: [KernelEvent] = []
    /// The kext instruction that called setjmpx with each label, by label address: where a
    /// delivered exception or a longjmpx resumes, for the timeline.
    var setjmpxSites: [UInt: UInt] = [:]

    mutating func register(named name: String) -> KextID {
        names.append(name)
        return KextID(rawValue: names.count - 1)
    }

    func name(of kext: KextID) -> String { names[kext.rawValue] }

    mutating func charge(_ counts: PageFaultCounts, to kext: KextID) {
        pageFaults[kext, default: PageFaultCounts()] += counts
    }

    func codePinCount(of kext: KextID) -> Int { codePins[kext] ?? 0 }

    /// pincode: one more pin of the kext's code; the new count.
    mutating func pinCode(of kext: KextID) -> Int {
        codePins[kext, default: 0] += 1
        return codePins[kext]!
    }

    /// unpincode: one pin fewer; the new count.
    mutating func unpinCode(of kext: KextID) -> Int {
        codePins[kext, default: 0] -= 1
        return codePins[kext]!
    }
}
