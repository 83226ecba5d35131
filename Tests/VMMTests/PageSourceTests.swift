import PowerArch
import Testing
@testable import VMM

@Suite("The VMM as a page source")
struct PageSourceTests {
    let owner = RegionOwner(rawValue: 3)

    func source() -> any PageSource { VirtualMemoryManager(bytes: 16 << 20, pagingSpaceBytes: 16 << 20)! }

    @Test("Regions come and go through the interface with vm_galloc's rules")
    func allocateAndFree() throws {
        let pages = source()
        #expect(pages.allocate(flags: [], size: 4096, owner: owner) == .failure(.invalidArgument))
        let r = try pages.allocate(flags: .working, size: 5000, owner: owner).get()
        #expect(r.size == 8192 && r.owner == owner)
        #expect(pages.liveRegions == [r])
        #expect(pages.region(containing: r.start.advanced(by: 8191)) == r)
        #expect(pages.region(containing: r.end) == nil, "the guard page belongs to no region")
        #expect(pages.free(start: r.start, size: 4096) == .failure(.invalidArgument))
        #expect(pages.free(start: r.start, size: 5000) == .success(r))
        #expect(pages.liveRegions.isEmpty)
    }

    @Test("The bytes behind a region are readable and writable, zero at first")
    func hostMemory() throws {
        let pages = source()
        let r = try pages.allocate(flags: .working, size: 4096, owner: owner).get()
        let p = try #require(pages.hostPointer(for: r.start.advanced(by: 104)))
        #expect(p.load(as: UInt64.self) == 0)
        p.storeBytes(of: 0xfeed, as: UInt64.self)
        #expect(pages.hostPointer(for: r.start.advanced(by: 104))!.load(as: UInt64.self) == 0xfeed)
        #expect(pages.hostPointer(for: EffectiveAddress(0x1000)) == nil)
    }

    @Test("A region's protection is PowerArch's PP code, spelled as two bits")
    func protection() throws {
        let pages = source()
        let plain = try pages.allocate(flags: .working, size: 1, owner: owner).get()
        let uread = try pages.allocate(flags: [.working, .userReadable], size: 1, owner: owner).get()
        #expect(plain.protection == PageProtection.noAccessForKey1 && plain.protection.bits == "00")
        #expect(uread.protection == PageProtection.readOnlyForKey1 && uread.protection.bits == "01")
        #expect(PageProtection.readOnlyForKey0NoAccessForKey1.bits == "1 10")
    }
}
