import VMM

extension Kernel {
    public func registerKext(named name: String) -> KextID {
        accounting.register(named: name)
    }

    public func name(of kext: KextID) -> String { accounting.name(of: kext) }

    func owner(_ kext: KextID) -> RegionOwner { RegionOwner(rawValue: kext.rawValue) }

    public func regions(ownedBy kext: KextID) -> [GallocRegion] {
        vmm.liveRegions.filter { $0.owner == owner(kext) }
    }

    /// Whether a kext has pinned its text and data with pincode.
    public func codeIsPinned(_ kext: KextID) -> Bool { accounting.codePinCount(of: kext) > 0 }
}
