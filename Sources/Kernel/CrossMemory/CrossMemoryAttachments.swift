/// The cross-memory attachments xmattach made and xmdetach has not ended. A descriptor carries
/// the attachment's number; the kernel keeps what it covers, so a descriptor a kext forged or
/// kept past xmdetach reaches nothing.
struct CrossMemoryAttachments {
    struct Attachment {
        let kext: KextID
        /// The user (or global) buffer's host address and length.
        let start: UInt
        let count: Int
        let userSpace: Bool
        /// The process whose memory it is (nil for SYS_ADSPACE).
        let process: UserProcess?
        /// xmempin minus xmemunpin on it (user memory is always resident; the count is the rule).
        var pins = 0

        /// Whether `count` bytes from `address` lie inside the attached buffer; written so that
        /// no kext-supplied value can overflow it.
        func contains(_ address: UInt, count bytes: UInt) -> Bool {
            guard address >= start, count >= 0 else { return false }
            let offset = address - start
            return offset <= UInt(count) && bytes <= UInt(count) - offset
        }
    }

    var live: [Int: Attachment] = [:]
    var next = 1
}
