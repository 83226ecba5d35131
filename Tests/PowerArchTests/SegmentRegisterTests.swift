import Testing
@testable import PowerArch

@Suite("32-bit segment registers")
struct SegmentRegisterTests {
    @Test("T, Ks, Kp, N and VSID sit at their ISA bits")
    func fields() {
        #expect(SegmentRegister(vsid: 0x12_3456, supervisorKey: .key0, problemKey: .key0).rawValue == 0x0012_3456)
        #expect(SegmentRegister(vsid: 0, supervisorKey: .key1, problemKey: .key0).rawValue == 0x4000_0000)
        #expect(SegmentRegister(vsid: 0, supervisorKey: .key0, problemKey: .key1).rawValue == 0x2000_0000)
        #expect(SegmentRegister(vsid: 0, supervisorKey: .key0, problemKey: .key0, execution: .forbidden).rawValue == 0x1000_0000)
        #expect(SegmentRegister(rawValue: 0x8000_0000).isDirectStore)
        #expect(SegmentRegister(rawValue: 0x30FF_FFFF).vsid == 0xFF_FFFF)
    }

    @Test("AIX's SRVAL(sid, key) = sid | key << 30 sets Ks for key 1")
    func aixSrval() {
        let register = SegmentRegister(rawValue: 0x42 | 1 << 30)
        #expect(register.key(for: .supervisor) == .key1)
        #expect(register.key(for: .problem) == .key0)
    }

    @Test("The key is Ks in supervisor state and Kp in problem state",
          arguments: ProtectionKey.allCases, ProtectionKey.allCases)
    func keySelection(ks: ProtectionKey, kp: ProtectionKey) {
        let register = SegmentRegister(vsid: 1, supervisorKey: ks, problemKey: kp)
        #expect(register.key(for: .supervisor) == ks)
        #expect(register.key(for: .problem) == kp)
    }
}
