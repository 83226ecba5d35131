import ArgumentParser
import Foundation
import Kernel
import KextLoader
import Xmalloc

/// The xmalloc debug level as `--xmalloc-debug` spells it; help lists the four.
enum XmallocDebugArgument: String, ExpressibleByArgument, CaseIterable {
    case minimal, normal, detail, maximal

    var level: XmallocDebugLevel { XmallocDebugLevel(rawValue: rawValue)! }
}

/// `load`'s options for xmalloc: debug level, seed, fault injection, and the two views.
struct XmallocOptions: ParsableArguments {
    @Option(name: .customLong("xmalloc-debug"), help: "xmalloc debug level, after AIX's: free-fill, trailers, deferred reuse and guard pages on more allocations at each level (default: off).")
    var debugLevel: XmallocDebugArgument?

    @Option(help: "Seed for the debug sampling and for --fail p=…; the same seed replays the same run.")
    var seed: UInt64 = 0

    @Option(name: .customLong("fail"), help: ArgumentHelp(
        "Inject failures: xmalloc:nth=N (the Nth call), xmalloc:every=N, vm_galloc:p=0.01, xmalloc:site=FUNCTION+0xOFFSET (the first call from there), … (repeatable).",
        valueName: "service:rule"))
    var failures: [String] = []

    @Flag(name: .customLong("heap"), help: "Print the xmalloc heaps as they stood just before CFG_TERM, as kdb's xmalloc command shows them (with --json: in the JSON report).")
    var showHeaps = false

    @Option(name: .customLong("map"), help: ArgumentHelp("Write a picture of the global address space as it stood just before CFG_TERM: FILE.svg, or FILE.png (converted with rsvg-convert).", valueName: "file.svg|file.png"))
    var mapPath: String?

    func validate() throws {
        // Checked before the kext runs: a run is not wasted on a map it cannot write.
        if let mapPath {
            let lower = mapPath.lowercased()
            guard lower.hasSuffix(".svg") || lower.hasSuffix(".png") else {
                throw ValidationError("--map writes a picture: FILE.svg, or FILE.png (converted with rsvg-convert), not '\(mapPath)'.")
            }
            let directory = URL(fileURLWithPath: mapPath).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--map: the directory \(directory) does not exist.")
            }
            guard FileManager.default.isWritableFile(atPath: directory) else {
                throw ValidationError("--map: the directory \(directory) is not writable.")
            }
        }
        for text in failures where FaultInjection(parsing: text) == nil {
            throw ValidationError("--fail takes SERVICE:RULE with SERVICE xmalloc or vm_galloc and RULE nth=N, every=N or p=P (0…1), not '\(text)'.")
        }
    }

    var settings: XmallocSettings {
        XmallocSettings(debugLevel: debugLevel?.level, seed: seed,
                        failures: failures.compactMap(FaultInjection.init(parsing:)),
                        collectMemoryMap: showHeaps || mapPath != nil)
    }

    /// After the report: the heap view and the picture, if asked for.
    func show(_ report: RunReport, json: Bool) throws {
        if showHeaps, !json, report.outcome != .loadError {
            print(HeapView(report.xmalloc).text, terminator: "")
        }
        if let mapPath, let memory = report.xmalloc?.globalMemory {
            let svg = GlobalMemorySVG(memory, title: "global memory while \(report.kext?.name ?? "the kext") was loaded (before CFG_TERM)").svg
            do {
                if mapPath.lowercased().hasSuffix(".png") {
                    try PNGConverter.write(svg: svg, to: mapPath)
                } else {
                    try svg.write(toFile: mapPath, atomically: true, encoding: .utf8)
                }
            } catch {
                var stderr = StandardError()
                // One plain line: a converter's own message is already a sentence, Foundation's is not.
                let described = String(describing: error)
                let reason = described.contains("Error Domain") ? nil : described
                print("aixsim: cannot write \(mapPath)" + (reason.map { ": \($0)" } ?? "."), to: &stderr)
                throw ExitCode(1)
            }
            var stderr = StandardError()
            print("aixsim: wrote the global-memory map to \(mapPath)", to: &stderr)
        }
    }
}
