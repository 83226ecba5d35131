import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// The timeline names the kext code the kernel ran on its own by file:line and function: an
/// interrupt handler, off-level work, a timer, a timeout, a DSI delivered to setjmpx, the entry
/// point, and the loop a watchdog stopped. In the text report and, as a `source` object, in JSON.
@Suite("The timeline points at the source", .serialized)
struct TimelineSourceTests {
    static let fixture = "timeline_sources"
    static let options = ["--interrupt", "3", "--run-for", "30ms"]

    /// The first line of the fixture that holds `text`, 1-based.
    static func line(of text: String, in fixture: String = fixture) throws -> Int {
        try ReportSourceTests.line(of: text, in: fixture)
    }

    /// Each timeline event, the function it names, and the line of its text to look for.
    static let handlers: [(event: String, function: String, declaration: String)] = [
        ("device interrupt on level 3: calling on_device", "on_device", "static int on_device("),
        ("off-level: calling on_offlevel", "on_offlevel", "static int on_offlevel("),
        ("timer due: calling on_timer", "on_timer", "static void on_timer("),
        ("timeout due: calling on_timeout", "on_timeout", "static void on_timeout("),
    ]

    @Test("Handler runs give the handler's file:line in the text and a source object in JSON")
    func handlerRuns() throws {
        let text = try AIXSimCommand.run(["load", Fixture.path(Self.fixture)] + Self.options)
        #expect(text.status == 0)
        let json = try AIXSimCommand.run(["load", "--json", Fixture.path(Self.fixture)] + Self.options)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        for handler in Self.handlers {
            let declared = try Self.line(of: handler.declaration)
            let textLine = try #require(text.stdout.split(separator: "\n").first { $0.contains(handler.event) },
                                        "no timeline line for \(handler.function)")
            // The function's first line row is its opening line or its first statement.
            let named = (declared...declared + 2).contains { textLine.hasSuffix(" (timeline_sources.c:\($0))") }
            #expect(named, "\(textLine)")
            let event = try #require(events.first { ($0["text"] as? String)?.contains(handler.event) == true })
            let source = try #require(event["source"] as? [String: Any], "no source for \(handler.function)")
            #expect(source["function"] as? String == handler.function)
            #expect((source["file"] as? String)?.hasSuffix("/debuginfo/timeline_sources.c") == true)
            let line = try #require(source["line"] as? Int)
            #expect((declared...declared + 2).contains(line))
        }
    }

    @Test("A DSI delivered to setjmpx names the faulting line, in text and JSON")
    func exceptionDelivery() throws {
        let faulting = try Self.line(of: "/* the faulting load */")
        let report = KextRun.run(LoadRequest(kext: Fixture.path(Self.fixture), entry: "timeline_sources_entry"))
        let event = try #require(report.events.first { $0.text.contains("delivered to the setjmpx context") })
        #expect(event.text.contains("at probe+0x"))
        #expect(event.text.contains("(timeline_sources.c:\(faulting))"))
        #expect(event.source?.function == "probe")
        #expect(event.source?.line == faulting)
        #expect(event.source?.source?.contains { $0.isTarget && $0.text.contains("the faulting load") } == true)
        // Where it resumes: the setjmpx that saved the context.
        let saved = try Self.line(of: "int rc = setjmpx(&context);")
        #expect(event.text.contains("(setjmpx in "))
        #expect(event.text.contains("(timeline_sources.c:\(saved))) with EFAULT"))
        let json = try AIXSimCommand.run(["load", "--json", Fixture.path(Self.fixture)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        let delivered = try #require(events.first { ($0["text"] as? String)?.contains("setjmpx") == true })
        #expect((delivered["source"] as? [String: Any])?["line"] as? Int == faulting)
    }

    @Test("The entry point's header names where it is defined")
    func entryPoint() throws {
        let declared = try Self.line(of: "int timeline_sources_entry(")
        let report = KextRun.run(LoadRequest(kext: Fixture.path(Self.fixture), entry: "timeline_sources_entry"))
        let source = try #require(report.kext?.source)
        #expect(source.function == "timeline_sources_entry")
        let line = try #require(source.line)
        #expect((declared...declared + 2).contains(line))
        let text = try AIXSimCommand.run(["load", Fixture.path(Self.fixture)])
        #expect(text.stdout.contains("CFG_INIT: timeline_sources_entry(CFG_INIT, NULL) at timeline_sources.c:\(line)"))
        #expect(text.stdout.contains("CFG_TERM: timeline_sources_entry(CFG_TERM, NULL) at timeline_sources.c:\(line)"))
    }

    @Test("A hang stopped by the watchdog shows the loop's line, in text and JSON")
    func watchdog() throws {
        let loop = try Self.line(of: "while (forever)", in: "ct_spin")
        let text = try AIXSimCommand.run(["load", Fixture.path("ct_spin"), "--watchdog", "300ms"])
        #expect(text.status == 3)
        #expect(text.stdout.contains("spinning at ct_spin_entry+0x"))
        #expect(text.stdout.contains("(ct_spin.c:\(loop))"))
        #expect(text.stdout.contains("source             ct_spin.c:\(loop) in ct_spin_entry"))
        let json = try AIXSimCommand.run(["load", "--json", Fixture.path("ct_spin"), "--watchdog", "300ms"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let crash = try #require(object["crash"] as? [String: Any])
        #expect(crash["kind"] as? String == "hang")
        let frames = try #require(crash["frames"] as? [[String: Any]])
        #expect(frames.first?["line"] as? Int == loop)
        #expect(frames.first?["function"] as? String == "ct_spin_entry")
    }

    @Test("Without -g the timeline falls back to the function's name")
    func withoutDebugInformation() throws {
        let report = KextRun.run(LoadRequest(kext: Fixture.path(Self.fixture), entry: "timeline_sources_entry"))
        let event = try #require(report.events.first { $0.text.contains("setjmpx") })
        // The same run built without -g: function+offset only, no file.
        let (dir, object) = try buildWithoutDebugInfo(Self.fixture, as: "libtimeline_kext.so")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bare = KextRun.run(LoadRequest(kext: object.path, entry: "timeline_sources_entry"))
        let bareEvent = try #require(bare.events.first { $0.text.contains("setjmpx") })
        #expect(event.text.contains(".c:"))
        #expect(bareEvent.text.contains("at probe+0x") && !bareEvent.text.contains(".c:"))
        #expect(bareEvent.source?.function == "probe" && bareEvent.source?.line == nil)
        #expect(bare.kext?.source?.line == nil)
    }

    @Test("Trace details and unload findings name a handler with its line; JSON gives its frame")
    func handlerFindings() throws {
        let exercises = DocsOutputTests.root.appending(path: "kext-samples/exercises")
        let handlerLeft = exercises.appending(path: "handler_left.c").path
        let declared = try Self.line(of: "static int on_interrupt(", inFile: handlerLeft)
        let json = try AIXSimCommand.run(["load", "--json", handlerLeft, "--interrupt", "4"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { $0["kind"] as? String == "interrupt-handler" })
        let message = try #require(finding["message"] as? String)
        let frame = try #require((finding["frames"] as? [[String: Any]])?.first)
        #expect(frame["function"] as? String == "on_interrupt")
        let line = try #require(frame["line"] as? Int)
        #expect((declared...declared + 2).contains(line))
        #expect(message.hasPrefix("on_interrupt (handler_left.c:\(line)) is still registered"))
        let calls = try #require(object["calls"] as? [[String: Any]])
        let registered = try #require(calls.first { $0["service"] as? String == "i_init" })
        #expect((registered["detail"] as? String)?.hasPrefix("on_interrupt (handler_left.c:\(line)) handles level 4") == true)

        let timeoutLeft = exercises.appending(path: "timeout_left.c").path
        let retry = try Self.line(of: "static void retry(", inFile: timeoutLeft)
        let pending = try #require(KextRun.run(LoadRequest(kext: timeoutLeft)).findings.first { $0.kind == .timeoutPending })
        let retryLine = try #require(pending.frames?.first?.line)
        #expect((retry...retry + 2).contains(retryLine))
        #expect(pending.message.contains("timeout of retry (timeout_left.c:\(retryLine)) still pending"))

        let timerLeft = exercises.appending(path: "timer_left.c").path
        let onTimeout = try Self.line(of: "static void on_timeout(", inFile: timerLeft)
        let active = try #require(KextRun.run(LoadRequest(kext: timerLeft)).findings.first { $0.kind == .timerActive })
        let timerLine = try #require(active.frames?.first?.line)
        #expect(active.frames?.first?.function == "on_timeout")
        #expect((onTimeout...onTimeout + 2).contains(timerLine))
        #expect(active.message.contains("(handler on_timeout (timer_left.c:\(timerLine))) is still active"))
    }

    static func line(of text: String, inFile path: String) throws -> Int {
        let source = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        return try #require(source.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(text) }) + 1
    }
}
