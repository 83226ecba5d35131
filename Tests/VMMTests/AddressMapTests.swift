import PowerArch
import Testing
@testable import VMM

@Suite("AddressMap: effective and host addresses")
struct AddressMapTests {
    let map = AddressMap(eaBase: AddressMap.gallocHeapStart, hostStart: HostAddress(rawValue: 0x7f00_0000_0000),
                         bytes: 16 << 20)

    @Test("An address converts both ways at a constant offset")
    func bothWays() throws {
        let ea = map.eaBase.advanced(by: 0x5678)
        let host = try #require(map.hostAddress(of: ea))
        #expect(host == HostAddress(rawValue: 0x7f00_0000_5678))
        #expect(map.effectiveAddress(of: host) == ea)
        #expect(map.hostPointer(from: ea) == host.pointer)
    }

    @Test("Addresses outside the heap have no counterpart")
    func outside() {
        #expect(map.hostAddress(of: map.eaBase.advanced(by: map.bytes)) == nil)
        #expect(map.hostAddress(of: EffectiveAddress(map.eaBase.rawValue - 1)) == nil)
        #expect(map.effectiveAddress(of: map.hostRange.upperBound) == nil)
        #expect(map.effectiveAddress(of: HostAddress(rawValue: 0x7f00_0000_0000 - 1)) == nil)
        #expect(!map.contains(map.eaBase.advanced(by: map.bytes)))
        #expect(map.contains(map.eaBase.advanced(by: map.bytes - 1)))
    }

    @Test("Near the heap, the guard margins still name an effective address")
    func near() {
        let below = HostAddress(rawValue: 0x7f00_0000_0000 - 8)
        #expect(map.effectiveAddress(near: below, margin: 4096) == EffectiveAddress(map.eaBase.rawValue - 8))
        #expect(map.effectiveAddress(near: below, margin: 4) == nil)
        let above = map.hostRange.upperBound.advanced(by: 16)
        #expect(map.effectiveAddress(near: above, margin: 4096) == map.eaBase.advanced(by: map.bytes + 16))
        #expect(map.effectiveAddress(near: above, margin: 8) == nil)
    }

    @Test("The host range spans exactly the heap's bytes")
    func hostRange() {
        #expect(map.hostRange.lowerBound == map.hostStart)
        #expect(map.hostRange.upperBound.rawValue - map.hostStart.rawValue == UInt(map.bytes))
    }
}
