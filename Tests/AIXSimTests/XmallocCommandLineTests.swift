import Foundation
import Testing
import KextFixtures

/// `aixsim load` with the xmalloc options, run as a user runs it.
@Suite("aixsim load: xmalloc options", .serialized)
struct XmallocCommandLineTests {
    @Test("--heap prints the heaps as kdb's xmalloc shows them, with records and buckets")
    func heapView() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("xm_leak"), "--heap"])
        #expect(r.status == 4)
        #expect(r.stdout.contains("[xmalloc-leak]"))
        #expect(r.stdout.contains("xmalloc record #1: 100 bytes at 0xF100000040000000, align 4, kernel_heap"))
        #expect(r.stdout.contains("galloc region #1: 64 KB at 0xF100000040000000 held by kernel_heap"))
        #expect(r.stdout.contains("XMALLOC HEAPS (debug off, seed 0)"))
        #expect(r.stdout.contains("buckets:"))
        #expect(r.stdout.contains("live records:"))
        #expect(r.stdout.contains("GALLOC HEAP 1 GB"))
    }

    @Test("--json carries the findings' layers, the heaps and the global memory")
    func json() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("xm_leak"), "--heap", "--json",
                                       "--xmalloc-debug", "normal", "--seed", "5"])
        #expect(r.status == 4)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(finding["kind"] as? String == "xmalloc-leak")
        let layers = try #require(finding["xmalloc"] as? [String: Any])
        #expect((layers["record"] as? [String: Any])?["sequence"] as? Int == 1)
        #expect((layers["galloc"] as? [String: Any])?["owner"] as? String == "kernel_heap")
        let xmalloc = try #require(object["xmalloc"] as? [String: Any])
        #expect(xmalloc["debugLevel"] as? String == "normal" && xmalloc["seed"] as? Int == 5)
        #expect((xmalloc["heaps"] as? [Any])?.count == 2)
        #expect(xmalloc["globalMemory"] as? [String: Any] != nil)
    }

    @Test("--map writes an SVG of the global address space")
    func map() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "aixsim-map-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try AIXSimCommand.run(["load", "heapwar", "--galloc-heap", "8M", "--map", path])
        #expect(r.status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("pinned_heap") && svg.contains("<title>free:"))
    }

    @Test("--map is checked before the run: a picture's extension, an existing writable directory; a written map is confirmed")
    func mapChecks() throws {
        let txt = try AIXSimCommand.run(["load", "hello", "--map", "x.txt"])
        #expect(txt.status == 64 && txt.stdout.isEmpty, "refused before anything ran")
        #expect(txt.stderr.contains("FILE.svg, or FILE.png"))
        let missing = try AIXSimCommand.run(["load", "hello", "--map", "/no/such/dir/m.svg"])
        #expect(missing.status == 64 && missing.stdout.isEmpty)
        #expect(missing.stderr.contains("/no/such/dir does not exist"))
        let path = FileManager.default.temporaryDirectory.appending(path: "aixsim-map-ok-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ok = try AIXSimCommand.run(["load", "hello", "--map", path])
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("wrote the global-memory map to \(path)"))
    }

    @Test("--map FILE.png writes a PNG through rsvg-convert, or says clearly that it needs it")
    func mapPNG() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "aixsim-map-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try AIXSimCommand.run(["load", "heapwar", "--galloc-heap", "8M", "--map", path])
        let hasTool = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }
        if hasTool {
            #expect(r.status == 0, "\(r.stderr)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(8))
            #expect(bytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG signature")
        } else {
            #expect(r.status == 1)
            #expect(r.stderr.contains("needs rsvg-convert"))
        }
    }

    @Test("Bad --xmalloc-debug and --fail values are usage errors", arguments: [
        ["--xmalloc-debug", "extreme"], ["--fail", "xmalloc:nth=0"], ["--fail", "kmalloc:p=0.1"], ["--seed", "-1"],
    ])
    func usage(arguments: [String]) throws {
        let r = try AIXSimCommand.run(["load", "hello"] + arguments)
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("aixsim: "))
    }

    @Test("The human report names the debug level and seed, so the run can be replayed")
    func debugLine() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("xm_leak"), "--xmalloc-debug", "detail", "--seed", "9"])
        #expect(r.status == 4)
        #expect(r.stdout.contains("xmalloc debug: detail, seed 9\n"))
    }

    @Test("--fail xmalloc:nth=1 makes the first xmalloc return NULL")
    func fail() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("xm_inject"), "--fail", "xmalloc:nth=1"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("-xxxxxxxxx gggggggggg"))
        #expect(r.stdout.contains("NULL: injected failure"))
    }
}
