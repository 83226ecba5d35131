import PowerArch
import Testing
import VMM
@testable import Xmalloc

/// The live-record store (a slab with chained buckets) must answer exactly as a dictionary of
/// the same records would, through growth, removal from any chain position and slot reuse.
@Suite("Live-record store")
struct LiveRecordsTests {
    @Test("Inserts, lookups and removals agree with a dictionary model over a seeded sweep")
    func agreesWithModel() {
        let store = LiveRecords()
        var model: [UInt64: Int] = [:]
        var rng = SplitMix64(seed: 7)
        for step in 0..<20_000 {
            // Few distinct addresses, 64 bytes apart, so chains collide and slots are reused.
            let address = 0x1000_0000 + (rng.next() % 3000) * 64
            #expect(store.contains(EffectiveAddress(rawValue: address)) == (model[address] != nil))
            if model[address] == nil, rng.next() % 3 != 0 {
                store.insert(sampleRecord(address, sequence: step))
                model[address] = step
            } else if step % 2 == 0 {
                store.discard(at: EffectiveAddress(rawValue: address))
                model[address] = nil
            } else {
                #expect(store.remove(at: EffectiveAddress(rawValue: address))?.sequence == model[address])
                model[address] = nil
            }
            #expect(store.count == model.count)
        }
        for address in stride(from: UInt64(0x1000_0000), to: 0x1000_0000 + 3000 * 64, by: 64) {
            #expect(store[EffectiveAddress(rawValue: address)]?.sequence == model[address])
        }
        #expect(Set(store.values.map(\.sequence)) == Set(model.values))
    }

    @Test("A caller's function name survives interning: equal names make equal callers")
    func internedCaller() {
        let a = XmallocCaller(owner: RegionOwner(rawValue: 3), function: "mydd_open+0x10")
        let b = XmallocCaller(owner: RegionOwner(rawValue: 3), function: "mydd_open+0x10")
        let c = XmallocCaller(owner: RegionOwner(rawValue: 3), function: "mydd_close+0x8")
        #expect(a.function == "mydd_open+0x10")
        #expect(c.function == "mydd_close+0x8")
        #expect(a == b)
        #expect(a != c)
        #expect(a.description == "mydd_open+0x10 (owner 3)")
    }
}
