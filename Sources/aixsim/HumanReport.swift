import Kernel
import KextLoader
import VMM

/// The report a person reads: the kext's calls under each entry-point command, what it printed,
/// and the outcome, with crashes and findings explained in AIX's words and plain ones.
struct HumanReport {
    let report: RunReport
    init(_ report: RunReport) { self.report = report }

    var text: String {
        var out = ""
        if let k = report.kext {
            out += "aixsim: kext \(k.name) (\(k.path)), entry point \(k.entry)\n"
        }
        if let h = report.gallocHeap {
            out += "galloc heap: \(ByteCount(h.size)) at \(h.start), paging space \(ByteCount(h.pagingSpace))\n"
        }
        if let x = report.xmalloc, x.debugLevel != nil { out += "xmalloc debug: \(x.debugLevel!), seed \(x.seed)\n" }
        if let p = report.paging { out += PagingText(p).line }
        out += LoadedKextsText.text(report.loaded)
        let entryName = report.kext?.entry ?? "entry"
        let phases: [(RunPhase, Int32?)] = [(.initialize, report.entry.`init`), (.user, nil), (.run, nil), (.terminate, report.entry.term)]
        for (phase, result) in phases {
            if phase == .user {
                if let user = report.user { out += UserProgramText(user, calls: report.calls, crash: report.crash).text }
                continue
            }
            let calls = report.calls.filter { $0.phase == phase.rawValue }
            let events = report.events.filter { $0.phase == phase.rawValue }
            let ranHere = result != nil || !calls.isEmpty || !events.isEmpty || report.crash?.phase == phase
                || (phase == .run && report.ranFor != nil)
            guard ranHere else { continue }
            if phase == .run {
                out += "\nRUN: \(report.ranFor.map { "\($0) of simulated time" } ?? "no simulated time") between CFG_INIT and CFG_TERM\n"
            } else {
                out += "\n\(phase.rawValue): \(entryName)(\(phase.rawValue), \(phase == .initialize && hasData ? "uiop" : "NULL"))"
                    + (report.kext?.source?.fileLine.map { " at \($0)" } ?? "") + "\n"
            }
            // Events go after the call they followed.
            var pending = events[...]
            func flushEvents(upTo sequence: Int) {
                while let e = pending.first, e.afterCall <= sequence {
                    out += "        @\(e.time)  \(e.text)\n"
                    pending = pending.dropFirst()
                }
            }
            var context: String?
            for call in calls {
                flushEvents(upTo: call.sequence - 1)
                if call.context != context { out += "        [\(call.context ?? "back at process level, INTBASE")]\n" }
                context = call.context
                out += render(call)
            }
            flushEvents(upTo: Int.max)
            if let result {
                out += "  returned \(result)"
                if result != 0 { out += " (\(errnoName(result)))" }
                out += "\n"
            } else if report.crash?.phase == phase, phase != .run {
                out += "  the entry point did not return: the system crashed\n"
            }
        }
        if report.callsNotShown > 0 {
            out += "\n… \(report.callsNotShown) more calls not shown (trace limit); by service: "
                + report.callCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", ") + "\n"
        }
        if let inspection = report.inspection { out += InspectText(inspection).text }
        if let crash = report.crash { out += renderCrash(crash) }
        if !report.findings.isEmpty {
            out += "\nFindings:\n"
            for f in report.findings {
                out += "  [\(f.kind.rawValue)] \(f.message)\n"
                for line in f.xmalloc?.lines ?? [] { out += "      \(line)\n" }
                for line in FrameText(frames: f.frames ?? [], indent: "      ").lines { out += line + "\n" }
            }
        }
        out += "\n" + outcomeLine + "\n"
        return out
    }

    private var hasData: Bool { report.data != nil }

    private func errnoName(_ value: Int32) -> String {
        AIXErrno(rawValue: value).name
    }

    private func render(_ call: CallRecord) -> String { Self.renderCall(call) }

    /// One kernel-service call as the report lists it (also under the user program's calls).
    static func renderCall(_ call: CallRecord) -> String {
        let number = String(call.sequence).leftPadded(to: 4)
        if let output = call.output {
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = lines.last == "" ? lines.dropLast() : lines[...]
            return shown.map { "\(number)  printf | \($0)\n" }.joined()
        }
        var line = "\(number)  \(call.service)("
            + call.arguments.map(\.reportText).joined(separator: ", ") + ")"
        if call.refused {
            line += "  REFUSED"
        } else if call.neverReturned {
            line += "  (never returned: the system crashed inside it)"
        } else if !call.isVoid {
            line += " = \(call.resultText ?? String(call.result))"
            if let e = call.error { line += " \(e)" }
        }
        line += "\n"
        if let d = call.detail { line += "        \(d)\n" }
        return line
    }

    private func renderCrash(_ crash: Crash) -> String {
        var out = "\n*** SYSTEM CRASH (\(crash.kind.rawValue)) ***\n\(crash.message)\n"
        if let ea = crash.ea { out += "  effective address  \(ea)\n" }
        if let access = crash.access { out += "  access             \(access.rawValue)\n" }
        if let dsisr = crash.dsisr { out += "  DSISR              \(dsisr)\n" }
        if let kext = crash.kext { out += "  kext               \(kext)\n" }
        if let location = crash.location { out += "  at                 \(location)\n" }
        for line in FrameText(frames: crash.frames ?? [], indent: "  ").lines { out += line + "\n" }
        if let service = crash.service { out += "  service            \(service)\n" }
        if let environment = crash.environment {
            out += "  environment        \(environment.rawValue), priority \(crash.priority?.name ?? "?")\n"
        }
        if let source = crash.interruptSource { out += "  interrupt source   \(source)\n" }
        for line in crash.mmu?.lines ?? [] { out += "  MMU                \(line)\n" }
        out += "\nWhat this means:\n" + wrap(crash.explanation, indent: "  ") + "\n"
        let rule = KindExplanation.of(crash.kind)
        out += "\nAIX rule: \(crash.rule ?? rule.rule)\nFix: \(crash.fix ?? rule.fix)\n(`aixsim explain \(crash.kind.rawValue)`; terms: docs/glossary.md)\n"
        return out
    }

    private var outcomeLine: String {
        let entry = report.kext?.entry ?? "entry"
        switch report.outcome {
        case .ok:
            return "Outcome: ok. CFG_INIT and CFG_TERM returned 0; no findings."
        case .entryFailed:
            let rc = report.entry.`init` ?? 0
            return "Outcome: entry-failed. \(entry)(CFG_INIT) returned \(rc) (\(report.entry.initError ?? "?")); "
                + "AIX unloads a kext whose CFG_INIT fails, without calling CFG_TERM."
        case .crash:
            return "Outcome: crash. The simulated system halted; nothing after the crash ran."
        case .findings:
            return "Outcome: findings. The kext ran to the end, but \(report.findings.count) "
                + (report.findings.count == 1 ? "finding needs attention." : "findings need attention.")
        case .loadError:
            return "Outcome: load-error. \(report.error ?? "")"
        }
    }

    private func wrap(_ text: String, indent: String, width: Int = 96) -> String {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current != indent {
                lines.append(current)
                current = indent
            }
            current += (current == indent ? "" : " ") + word
        }
        if current != indent { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
