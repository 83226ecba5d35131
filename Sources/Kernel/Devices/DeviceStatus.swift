/// devswqry's status word: AIX 5.3 <sys/device.h> DSW_* bits, the ones aixsim's entries can have.
struct DeviceStatus: OptionSet, Sendable {
    let rawValue: UInt32

    static let characterRead = DeviceStatus(rawValue: 0x0001)   // DSW_CREAD
    static let characterWrite = DeviceStatus(rawValue: 0x0002)  // DSW_CWRITE
    static let opened = DeviceStatus(rawValue: 0x0100)          // DSW_OPENED
    static let defined = DeviceStatus(rawValue: 0x0200)         // DSW_DEFINED

    /// What AIX reports for an entry: defined, open while an open is not closed, and a read
    /// or write bit for each of d_read/d_write the driver gave.
    init(of entry: DeviceEntry) {
        var bits: DeviceStatus = [.defined]
        if entry.openCount > 0 { bits.insert(.opened) }
        if entry.read != 0 { bits.insert(.characterRead) }
        if entry.write != 0 { bits.insert(.characterWrite) }
        self = bits
    }

    init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The bits as the header spells them, DSW_UNDEFINED for none.
    var names: String {
        let known: [(DeviceStatus, String)] = [(.defined, "DSW_DEFINED"), (.opened, "DSW_OPENED"),
                                               (.characterRead, "DSW_CREAD"), (.characterWrite, "DSW_CWRITE")]
        let set = known.filter { contains($0.0) }.map(\.1)
        return set.isEmpty ? "DSW_UNDEFINED" : set.joined(separator: "|")
    }
}
