import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("xmalloc: sizes, alignment, placement")
struct XmallocAllocationTests {
    // MARK: - Arguments

    @Test("Every align from 0 to 12 gives an address on a 2^align boundary",
          arguments: 0...12)
    func alignment(align: Int) throws {
        let allocator = makeAllocator()
        for size in [1, 7, 16, 100, 2048, 2049, 5000] {
            let ea = try #require(allocator.alloc(size, align: align))
            #expect(ea.rawValue % (1 << UInt64(align)) == 0, "size \(size) align \(align) gave \(ea)")
        }
    }

    @Test("Alignment also holds in a private heap", arguments: [0, 4, 8, 11, 12])
    func privateAlignment(align: Int) throws {
        let allocator = makeAllocator()
        let area = try allocator.galloc.allocate(flags: .working, size: 64 << 10, owner: kextA.owner).get()
        let heap = try #require(allocator.init_heap(area: area.start, size: 64 << 10))
        for size in [1, 33, 700, 3000] {
            let ea = try #require(allocator.alloc(size, align: align, heap: heap))
            #expect(ea.rawValue % (1 << UInt64(align)) == 0)
        }
    }

    @Test("An align beyond a page, or negative, fails", arguments: [13, 20, 64, -1])
    func alignTooLarge(align: Int) {
        let allocator = makeAllocator()
        #expect(allocator.alloc(16, align: align) == nil)
        #expect(allocator.statistics(of: .kernel)?.failures == 1)
    }

    @Test("A size of zero or less fails", arguments: [0, -1, Int(Int32.min)])
    func nonPositiveSize(size: Int) {
        let allocator = makeAllocator()
        #expect(allocator.alloc(size) == nil)
        #expect(allocator.statistics(of: .kernel)?.failures == 1)
    }

    @Test("An uninitialised private heap gives NULL")
    func uninitialisedHeap() {
        let allocator = makeAllocator()
        #expect(allocator.alloc(16, heap: .private(1)) == nil)
        #expect(!allocator.isInitialised(.private(1)))
    }

    // MARK: - Routing

    @Test("Small sizes come from the smallest size class that holds them")
    func sizeClasses() throws {
        let allocator = makeAllocator()
        let cases: [(size: Int, align: Int, block: Int)] = [
            (1, 0, 16), (16, 0, 16), (17, 0, 32), (100, 0, 128), (2048, 0, 2048), (10, 8, 256),
        ]
        for c in cases {
            let ea = try #require(allocator.alloc(c.size, align: c.align))
            let record = try #require(allocator.record(at: ea))
            guard case .bucket(_, let block) = record.placement else {
                Issue.record("size \(c.size) was not placed in a bucket")
                continue
            }
            #expect(block == c.block, "size \(c.size) align \(c.align)")
        }
    }

    @Test("Sizes over 2048 bytes and page-aligned requests take whole pages of their own region")
    func largeTakesPages() throws {
        let allocator = makeAllocator()
        for (size, align) in [(2049, 0), (4096, 0), (10000, 3), (16, 12)] {
            let ea = try #require(allocator.alloc(size, align: align))
            let record = try #require(allocator.record(at: ea))
            #expect(record.placement == .pages(ea..<ea.advanced(by: PageSize.roundUp(UInt64(size)))))
            let region = try #require(record.region)
            #expect(region.start == ea && region.size == PageSize.roundUp(UInt64(size)))
            #expect(region.owner == .xmalloc(.kernel))
        }
    }

    @Test("Memory handed out is writable host memory over its whole size")
    func memoryIsUsable() throws {
        let allocator = makeAllocator()
        for size in [1, 24, 2048, 5000] {
            let ea = try #require(allocator.alloc(size))
            allocator.host(ea).initializeMemory(as: UInt8.self, repeating: 0x5A, count: size)
            #expect(allocator.host(ea).load(fromByteOffset: size - 1, as: UInt8.self) == 0x5A)
        }
    }

    // MARK: - Non-overlap

    @Test("Live allocations never overlap: a seeded random sweep against a model",
          arguments: [HeapKind.kernel, .pinned])
    func randomSweep(heap: HeapKind) throws {
        let allocator = makeAllocator()
        var random = SplitMix64(seed: 0xA1C5)
        var model: [UInt64: ModelBlock] = [:]
        for _ in 0..<3000 {
            if model.isEmpty || random.next() % 3 != 0 {
                let size = random.next() % 8 == 0 ? Int(random.next() % 9000) + 1 : Int(random.next() % 600) + 1
                let align = Int(random.next() % 13)
                let ea = try #require(allocator.alloc(size, align: align, heap: heap))
                let block = ModelBlock(start: ea.rawValue, size: size)
                #expect(ea.rawValue % (1 << UInt64(align)) == 0)
                #expect(!model.values.contains { $0.overlaps(block) }, "\(ea)+\(size) overlaps a live block")
                model[ea.rawValue] = block
            } else {
                let key = model.keys.sorted()[Int(random.next() % UInt64(model.count))]
                #expect(allocator.free(EffectiveAddress(key), heap: heap) == 0)
                model[key] = nil
            }
        }
        #expect(allocator.liveRecords(in: heap).map(\.address.rawValue).sorted() == model.keys.sorted())
        #expect(allocator.findings.isEmpty)
    }
}
