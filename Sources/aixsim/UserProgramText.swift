import Kernel
import KextLoader

/// The user program's part of the human report: each system call as the process made it
/// (`user>`), the kernel-service calls the kext made inside it (indented, as in the entry-point
/// sections), and what the process got back.
struct UserProgramText {
    let user: UserProgramReport
    let calls: [CallRecord]
    let crash: Crash?

    init(_ user: UserProgramReport, calls: [CallRecord], crash: Crash?) {
        self.user = user
        self.calls = calls.filter { $0.phase == RunPhase.user.rawValue }
        self.crash = crash
    }

    var text: String {
        var out = "\nUSER PROCESS \(user.pid): \(user.path)\n"
        for (name, ea) in user.buffers.sorted(by: { $0.value < $1.value }) {
            out += "        \(user.isC ? "" : "buffer ")\(name) at \(ea)\n"
        }
        for (i, step) in user.steps.enumerated() {
            let next = i + 1 < user.steps.count ? user.steps[i + 1].afterCall : Int.max
            if let call = step.call {
                let arguments = step.arguments.map { a in a.buffer.map { "\($0)=\(a.value)" } ?? a.value }
                out += "  user> \(call)(\(arguments.joined(separator: ", ")))"
                let role = ["open", "close", "read", "write", "ioctl"].contains(call) ? "device driver" : "system call of"
                out += step.kext.map { "   [\(role) \($0)]\n" } ?? "\n"
                for c in calls where c.sequence > step.afterCall && c.sequence <= next {
                    out += HumanReport.renderCall(c)
                }
                if let result = step.result {
                    out += "  user< returned \(result)\(step.errno.map { ", errno \($0)" } ?? "")\n"
                }
            } else if let level = step.interrupt {
                out += "  (device interrupt on bus level \(level) while the program waits)\n"
                var context: String?
                for c in calls where c.sequence > step.afterCall && c.sequence <= next {
                    if let here = c.context, here != context { out += "        [\(here)]\n" }
                    context = c.context
                    out += HumanReport.renderCall(c)
                }
            } else if let check = step.check {
                out += "  user: buffer \(check) holds \"\(step.contents ?? "")\"\n"
            } else if let printed = step.printed {
                out += Self.printedLines(printed)
            } else if let note = step.note {
                out += "  user: \(note)\n"
            }
            if !step.met || step.result == nil, let detail = step.detail {
                out += "        !! \(detail)\n"
            }
        }
        if let fault = user.fault {
            out += "  user!! process \(user.pid) killed by \(fault.signal): \(fault.detail)\n"
            out += fault.signal == "SIGKILL"
                ? "        (aixsim ended the process, as an operator's kill would; the kernel runs on)\n"
                : "        (a fault in the program's own code: AIX ends the process, the kernel runs on)\n"
        } else if let status = user.exitStatus {
            out += "  user: exit(\(status))\n"
        }
        return out
    }

    /// What a C program printed, line by line, marked as the process's output.
    static func printedLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { "  user| \($0)\n" }.joined()
    }
}
