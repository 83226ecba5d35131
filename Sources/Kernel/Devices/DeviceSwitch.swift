/// The device switch table: which driver's entry points serve each major number. A kext adds
/// its entry at CFG_INIT with `devswadd` and removes it at CFG_TERM with `devswdel`; the user
/// process's `open`/`read`/`write`/`ioctl`/`close` reach the entry points through it.
struct DeviceSwitch {
    var entries: [Int: DeviceEntry] = [:]
}

/// One driver's entry in the device switch table, as `devswadd` copied it from its `struct devsw`.
public struct DeviceEntry: Sendable {
    public let kext: KextID
    /// The entry points' code addresses; 0 for one the driver left NULL.
    public let open, close, read, write, ioctl: UInt
    public let dsdptr: UInt
    /// Opens not yet closed, for devswdel's check and devswqry's DSW_OPENED.
    public internal(set) var openCount = 0
}

extension Kernel {
    /// The device switch entry serving `device`, if a driver added one for its major number.
    public func deviceEntry(for device: DeviceNumber) -> DeviceEntry? {
        devices.entries[device.major]
    }

    /// Counts an open (or a close, with -1) of a device, as the file system does for devswqry.
    public func noteDeviceOpen(_ device: DeviceNumber, _ delta: Int) {
        devices.entries[device.major]?.openCount += delta
    }

    /// Device switch entries a kext added and never deleted, at its unload.
    public func deviceFindings(of kext: KextID) -> [Finding] {
        devices.entries.sorted { $0.key < $1.key }.filter { $0.value.kext == kext }.map { major, _ in
            Finding(kind: .deviceSwitchEntry, ea: nil, size: nil, kext: name(of: kext),
                    message: "the device switch entry for major \(major) is still there after CFG_TERM: "
                        + "AIX would call the unloaded driver's code on the next open (devswdel it at CFG_TERM)")
        }
    }
}
