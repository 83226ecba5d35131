import PowerArch

/// `vm_guatt` and `vm_gudet`: attaching a galloc'd range into the simulated user process, whose
/// loads and stores (`load`/`store` in problem state) then reach it through its own segment.
extension VirtualMemoryManager {
    /// Attaches `[kaddr, kaddr + size)` with `key`; returns the user address. EINVAL if the size
    /// is not positive or the range is not inside one live region. aixsim also refuses a range
    /// that crosses a 256 MB segment boundary (EINVAL), since it gives each attachment one segment.
    public func attachToUser(_ kaddr: EffectiveAddress, size: Int64, key: UserAttachment.Key)
        -> Result<EffectiveAddress, AIXErrno>
    {
        guard size > 0, let region = region(containing: kaddr),
              region.contains(kaddr.advanced(by: UInt64(size) - 1)),
              kaddr.esid == kaddr.advanced(by: UInt64(size) - 1).esid,
              let kernelSegment = segments.entry(for: kaddr)
        else { return .failure(.invalidArgument) }
        let esid = UserAttachment.firstUserESID + UInt64(nextUserSegment)
        nextUserSegment += 1
        let flags: SLBEntry.Flags = key == .privileged ? [] : [.ks, .kp]
        let entry = SLBEntry(esid: esid, vsid: kernelSegment.vsid, flags: flags)
        let user = EffectiveAddress(esid << Segment.shift | kaddr.segmentOffset)
        userAttachments.append(UserAttachment(kernelStart: kaddr, size: UInt64(size), userStart: user,
                                              key: key, segment: entry))
        translator.storeSegment(entry, at: nextSLBSlotForUser())
        return .success(user)
    }

    /// Detaches what `attachToUser` attached: the same kernel address, user address and size,
    /// of a region that is still allocated; EINVAL otherwise.
    public func detachFromUser(_ kaddr: EffectiveAddress, user: EffectiveAddress, size: Int64) -> AIXErrno? {
        guard let i = userAttachments.firstIndex(where: {
            $0.kernelStart == kaddr && $0.userStart == user && Int64($0.size) == size
        }), region(containing: kaddr) != nil else { return .invalidArgument }
        let attachment = userAttachments.remove(at: i)
        translator.slbie(attachment.userStart)
        return nil
    }

    /// The kernel address a user address reaches, if an attachment covers it.
    public func kernelAddress(forUser ea: EffectiveAddress) -> EffectiveAddress? {
        userAttachments.lazy.compactMap { $0.kernelAddress(forUser: ea) }.first
    }

    /// Whether `ea` lies in a segment some attachment gave the process.
    func isUserSegment(_ ea: EffectiveAddress) -> Bool {
        userAttachments.contains { $0.segment.esid == ea.esid }
    }

    /// The SLB entry for any address the machine knows: a heap segment or an attachment's.
    func segmentEntry(for ea: EffectiveAddress) -> SLBEntry? {
        segments.entry(for: ea) ?? userAttachments.first { $0.segment.esid == ea.esid }?.segment
    }

    /// User segments take the SLB's last 16 slots, from the top down, away from the heap's
    /// segments; anything displaced is reloaded on its next segment miss.
    private func nextSLBSlotForUser() -> Int {
        translator.slb.slotCount - 1 - (userAttachments.count - 1) % 16
    }

    /// Drops the attachments of a region being freed: the process can no longer reach it.
    func detachAll(of region: GallocRegion) {
        for a in userAttachments where region.contains(a.kernelStart) { translator.slbie(a.userStart) }
        userAttachments.removeAll { region.contains($0.kernelStart) }
    }
}
