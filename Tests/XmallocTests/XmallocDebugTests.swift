import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("xmalloc debug techniques")
struct XmallocDebugTests {
    // MARK: - Free-fill

    @Test("A write into freed memory is caught by the free-fill check when the block is reused")
    func writeAfterFree() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(freeFillPer1024: 1024))
        let ea = try #require(allocator.alloc(100))
        #expect(allocator.free(ea) == 0)
        #expect(allocator.host(ea).load(fromByteOffset: 0, as: UInt8.self) == 0xDE)
        allocator.host(ea).storeBytes(of: 0x42, toByteOffset: 37, as: UInt8.self)
        let again = try #require(allocator.alloc(100, caller: kextB))
        #expect(again == ea, "LIFO reuse hands the same block out again")
        let finding = try #require(allocator.findings.last)
        #expect(finding.kind == .writeAfterFree(offset: 37))
        #expect(finding.address == ea.advanced(by: 37))
        #expect(finding.record?.caller == kextA && finding.call == kextB)
        #expect(finding.region?.owner == .xmalloc(.kernel))
    }

    @Test("Intact poison is no finding")
    func intactPoison() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(freeFillPer1024: 1024))
        let ea = try #require(allocator.alloc(100))
        #expect(allocator.free(ea) == 0)
        #expect(allocator.alloc(100) == ea)
        #expect(allocator.findings.isEmpty)
    }

    @Test("A write after free is still caught when the chunk goes back to galloc instead")
    func writeAfterFreeAtChunkRelease() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(freeFillPer1024: 1024))
        var blocks: [EffectiveAddress] = []
        for _ in 0..<64 { blocks.append(try #require(allocator.alloc(2048))) }
        for ea in blocks[32...] { #expect(allocator.free(ea) == 0) }
        let victim = blocks[0]
        #expect(allocator.free(victim) == 0)
        allocator.host(victim).storeBytes(of: 0, toByteOffset: 0, as: UInt8.self)
        for ea in blocks[1..<32] { #expect(allocator.free(ea) == 0) }
        #expect(allocator.findings.map(\.kind) == [.writeAfterFree(offset: 0)])
        #expect(allocator.findings.first?.call == nil)
    }

    // MARK: - Trailers

    @Test("A write past the requested size is caught by the trailer check at xmfree",
          arguments: [100, 1000, 5000])
    func overrun(size: Int) throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(trailersPer1024: 1024))
        let ea = try #require(allocator.alloc(size))
        allocator.host(ea).initializeMemory(as: UInt8.self, repeating: 0x11, count: size)
        allocator.host(ea).storeBytes(of: 0x11, toByteOffset: size + 2, as: UInt8.self)
        #expect(allocator.free(ea) == 0, "an overrun is reported, the free still happens")
        let finding = try #require(allocator.findings.last)
        #expect(finding.kind == .overrun(offset: size + 2))
        #expect(finding.address == ea.advanced(by: UInt64(size + 2)))
        #expect(finding.record?.size == size && finding.region != nil)
    }

    @Test("Writing exactly the requested size is no overrun")
    func noOverrun() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(trailersPer1024: 1024))
        let ea = try #require(allocator.alloc(100))
        allocator.host(ea).initializeMemory(as: UInt8.self, repeating: 0xFF, count: 100)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.findings.isEmpty)
    }

    @Test("A size that fills its class exactly moves up one class to make room for a trailer")
    func trailerNeedsSlack() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(trailersPer1024: 1024))
        let ea = try #require(allocator.alloc(128))
        #expect(allocator.record(at: ea)?.placement == .bucket(chunk: try #require(allocator.record(at: ea)).region!.start,
                                                                 blockSize: 256))
        allocator.host(ea).storeBytes(of: 0, toByteOffset: 128, as: UInt8.self)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.findings.last?.kind == .overrun(offset: 128))
    }

    @Test("Free-fill and trailers leave every address where it is without debug")
    func layoutUnchanged() throws {
        let plain = makeAllocator()
        let debugged = makeAllocator(debug: XmallocDebugConfiguration(freeFillPer1024: 1024, trailersPer1024: 1024))
        var random = SplitMix64(seed: 9)
        for _ in 0..<500 {
            var size = Int(random.next() % 6000) + 1
            if SizeClass.blockSizes.contains(size) || size % 4096 == 0 { size += 1 }
            let align = Int(random.next() % 6)
            #expect(plain.alloc(size, align: align) == debugged.alloc(size, align: align))
        }
    }

    // MARK: - Deferred reuse

    @Test("A freed block waits in the FIFO quarantine until the depth is exceeded")
    func quarantine() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(deferredReusePer1024: 1024, quarantineDepth: 4))
        var x: [EffectiveAddress] = []
        for _ in 0..<5 { x.append(try #require(allocator.alloc(64))) }
        #expect(allocator.free(x[0]) == 0)
        let next = try #require(allocator.alloc(64))
        #expect(next != x[0])
        for ea in x[1...3] { #expect(allocator.free(ea) == 0) }
        #expect(allocator.snapshot(of: .kernel)?.quarantinedBlocks == 4)
        #expect(!Set(x[0...3]).contains(try #require(allocator.alloc(64))))
        #expect(allocator.free(x[4]) == 0)
        #expect(allocator.alloc(64) == x[0], "the oldest quarantined block is reused first")
    }

    // MARK: - Guard pages

    @Test("A guard-page allocation ends where its own region's guard page begins")
    func guardPagePlacement() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(guardPagesPer1024: 1024))
        // 128 bytes with align 0: the size is its own boundary, so nothing lies between the
        // allocation and the guard page.
        let ea = try #require(allocator.alloc(128))
        let record = try #require(allocator.record(at: ea))
        let region = try #require(record.region)
        #expect(record.placement == .guardPage && region.size == 4096)
        #expect(ea.advanced(by: 128) == region.end)
        #expect(allocator.galloc.region(containing: region.end) == nil, "the byte after it is the guard page")
        #expect(allocator.free(ea) == 0)
        #expect(!allocator.galloc.liveRegions.contains(region), "freed: the region went back, so access faults")
        guard case .insideFreed(let freed) = allocator.vmm.relation(of: ea) else {
            Issue.record("a stale access should hit a freed galloc region")
            return
        }
        #expect(freed.region == region)
    }

    @Test("Alignment slack before the guard page carries a trailer")
    func guardPageSlack() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(guardPagesPer1024: 1024))
        let ea = try #require(allocator.alloc(100, align: 4))
        #expect(ea.rawValue % 16 == 0)
        let record = try #require(allocator.record(at: ea))
        #expect(record.reservedBytes == 112 && record.debug.contains(.trailers))
        allocator.host(ea).storeBytes(of: 0, toByteOffset: 105, as: UInt8.self)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.findings.last?.kind == .overrun(offset: 105))
    }

    @Test("align 0 behind a guard page still gets the next power of two of the size; the slack has a trailer")
    func guardPageAlignZero() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(guardPagesPer1024: 1024))
        let ea = try #require(allocator.alloc(100))
        #expect(ea.rawValue % 128 == 0)
        let record = try #require(allocator.record(at: ea))
        #expect(record.placement == .guardPage)
        #expect(record.reservedBytes == 128 && record.debug.contains(.trailers))
    }

    @Test("align 0 gives at least the next power of two of the size (up to a page) at every debug level",
          arguments: XmallocDebugLevel.allCases)
    func alignZeroAtEveryLevel(level: XmallocDebugLevel) throws {
        let allocator = makeAllocator(debug: .level(level, seed: 11))
        var misaligned: [Int] = []
        for i in 0..<200 {
            let size = 1 + (i * 37) % 5000
            let ea = try #require(allocator.alloc(size))
            var boundary = 1
            while boundary < size && boundary < 4096 { boundary <<= 1 }
            if ea.rawValue % UInt64(boundary) != 0 { misaligned.append(size) }
        }
        #expect(misaligned.isEmpty, "sizes whose block missed its boundary: \(misaligned)")
    }

    // MARK: - Levels and determinism

    @Test("Levels enable more techniques at higher frequencies")
    func levels() {
        let configs = XmallocDebugLevel.allCases.map { XmallocDebugConfiguration.level($0, seed: 1) }
        #expect(XmallocDebugConfiguration.off.options.isEmpty)
        #expect(configs[0].options == [.freeFill, .trailers])
        #expect(configs[3].options == .all)
        for technique in [XmallocDebugOptions.freeFill, .trailers, .deferredReuse, .guardPages] {
            let frequencies = configs.map { $0.frequency(of: technique) }
            #expect(frequencies == frequencies.sorted(), "\(technique)")
        }
    }

    @Test("With debug off no technique is applied and freed memory is left alone")
    func offIsOff() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(100))
        #expect(allocator.record(at: ea)?.debug == [])
        allocator.host(ea).initializeMemory(as: UInt8.self, repeating: 0x77, count: 100)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.host(ea).load(fromByteOffset: 50, as: UInt8.self) == 0x77)
    }

    /// Runs the same workload and returns what it observed: addresses and applied techniques.
    func workload(seed: UInt64) -> [String] {
        let allocator = makeAllocator(debug: .level(.detail, seed: seed))
        var random = SplitMix64(seed: 77)
        var live: [EffectiveAddress] = []
        var seen: [String] = []
        for _ in 0..<400 {
            if live.isEmpty || random.next() % 3 != 0 {
                guard let ea = allocator.alloc(Int(random.next() % 3000) + 1) else { continue }
                live.append(ea)
                seen.append("\(ea) \(allocator.record(at: ea)!.debug)")
            } else {
                _ = allocator.free(live.remove(at: Int(random.next() % UInt64(live.count))))
            }
        }
        return seen
    }

    @Test("The same seed makes the same choices; another seed makes others")
    func determinism() {
        #expect(workload(seed: 42) == workload(seed: 42))
        #expect(workload(seed: 42) != workload(seed: 43))
    }

    @Test("SplitMix64 produces the reference sequence for seed 0")
    func splitMixVector() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }
}
