import Foundation
import Kernel
import PowerArch
import VMM

/// Runs a user program as the simulated user process: lays its buffers out in the process's
/// data segment, then makes each system call in the process environment with the process
/// current, exactly as the system call handler would, and checks what comes back.
struct UserProgramRun {
    /// The two ways to write the user side: a scenario, or a C program built into a shared object.
    enum Form {
        case scenario(UserProgram)
        /// `arities`: how many arguments the program declares each system call with.
        case c(object: URL, arities: [String: Int])
    }

    let form: Form
    let path: String
    let systemCalls: SystemCallTable
    let kernel: Kernel
    /// The loaded kexts, for calling the device entry points their devsw entries name.
    let kexts: [LoadedKext]
    let openFiles = OpenFiles()

    /// Runs every step, stopping at a crash. Unmet expectations become findings.
    func run() -> (report: UserProgramReport, findings: [Finding]) {
        switch form {
        case .scenario(let program): run(program)
        case .c(let object, _): runC(object)
        }
    }

    private func run(_ program: UserProgram) -> (report: UserProgramReport, findings: [Finding]) {
        guard let space = UserAddressSpace(size: max(1 << 16, (program.buffers ?? []).reduce(0) { $0 + $1.length + 16 }))
        else { return (UserProgramReport(path: path, pid: 0), []) }
        let process = UserProcess(space: space)
        kernel.startUserProcess(process)
        var report = UserProgramReport(path: path, pid: process.pid)

        // 1. The program's data: each buffer in the user segment, with its initial contents.
        var buffers: [String: UInt] = [:]
        for b in program.buffers ?? [] {
            guard let address = space.allocate(b.length) else { break }
            let contents = b.contents
            contents.withUnsafeBytes { UnsafeMutableRawPointer(bitPattern: address)!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            buffers[b.name] = address
            report.buffers[b.name] = space.effectiveAddress(of: address)?.description
        }

        // 2. The steps, in order: system calls and buffer checks.
        var findings: [Finding] = []
        kernel.phase = RunPhase.user.rawValue
        for (i, step) in program.steps.enumerated() {
            var record = UserProgramReport.Step(index: i + 1)
            record.afterCall = kernel.totalCalls
            if let name = step.call, Self.fileCalls.contains(name) {
                fileCall(name, step, buffers: buffers, into: &record)
            } else if let name = step.call {
                systemCall(name, step, buffers: buffers, into: &record)
            } else if let level = step.interrupt {
                record.interrupt = level
                kernel.scheduleInterrupt(level: level, at: kernel.now)
                kernel.withUserMemoryClosed { kernel.run(for: .tick) }
            } else if let name = step.check {
                check(name, step, buffers: buffers, space: space, into: &record)
            }
            if !record.met {
                findings.append(Finding(kind: .userExpectation, ea: nil, size: nil, kext: record.kext ?? "user program",
                                        message: "user program step \(record.index): \(record.detail ?? "unexpected result")"))
            }
            report.steps.append(record)
            if kernel.crash != nil { break }
        }
        return (report, findings)
    }

    private func systemCall(_ name: String, _ step: UserProgram.Step, buffers: [String: UInt],
                            into record: inout UserProgramReport.Step)
    {
        record.call = name
        record.expected = step.expect
        record.expectedErrno = step.errno
        var values: [Int64] = []
        for argument in step.args ?? [] {
            let (value, shown) = resolve(argument, buffers: buffers)
            values.append(value)
            record.arguments.append(.init(buffer: shown.name.isEmpty ? nil : shown.name, value: shown.value))
        }
        guard let (result, errno) = makeSystemCall(name, values, into: &record) else { return }
        record.result = result
        record.errno = errno?.name
        judge(&record, step)
    }

    /// Makes system call `name` as the system call handler would: the process in the call, its
    /// error word handed back as errno when the call returns -1. Nil when the call could not be
    /// made (`record` says why, unmet) or the system crashed in it.
    func makeSystemCall(_ name: String, _ values: [Int64], into record: inout UserProgramReport.Step)
        -> (result: Int64, errno: AIXErrno?)?
    {
        guard let entry = systemCalls.entries[name] else {
            record.met = false
            record.detail = "\(name) is not a system call any loaded kext exports (AIX's loader refuses the program's import)"
            return nil
        }
        record.kext = entry.kext.name
        guard entry.kind.reachableFrom64BitProcess else {
            record.met = false
            record.detail = "\(name) is exported as \(entry.kind.rawValue): a 64-bit process cannot call it (export it with syscall64 or syscall3264)"
            return nil
        }
        guard values.count <= 6 else {
            record.met = false
            record.detail = "a system call takes at most six arguments here"
            return nil
        }
        kernel.enterSystemCall(name)
        let outcome = entry.kext.callSystemCall(entry.function, values)
        kernel.absorbPageEvents(by: entry.kext.id)
        kernel.absorbDeliveries()
        let uerror = kernel.leaveSystemCall()
        switch outcome {
        case .returned(let raw):
            _ = kernel.checkReturnPriority(of: name, kext: entry.kext.id, expected: .INTBASE)
            // System calls return an int: the low half of the register is the value.
            let result = Int64(Int32(truncatingIfNeeded: raw))
            return (result, result == -1 ? AIXErrno(rawValue: uerror) : nil)
        case .faulted(let fault):
            kernel.recordDataStorageInterrupt(hostAddress: fault.address, access: fault.access,
                                              kext: entry.kext.id, location: entry.kext.location(of: fault.pc))
            record.detail = "the system crashed in \(name)"
        case .abandoned:
            record.detail = "the system crashed in \(name)"
        }
        return nil
    }

    /// Compares a call's result (and errno) with what the program expected.
    func judge(_ record: inout UserProgramReport.Step, _ step: UserProgram.Step) {
        guard let name = record.call, let result = record.result else { return }
        if let expected = step.expect, expected != result {
            record.met = false
            record.detail = "\(name) returned \(result)\(record.errno.map { " (\($0))" } ?? ""), the program expected \(expected)"
        } else if let expected = step.errno, result == -1, expected != record.errno {
            record.met = false
            record.detail = "\(name) failed with \(record.errno ?? "no errno"), the program expected \(expected)"
        }
    }

    private func check(_ name: String, _ step: UserProgram.Step, buffers: [String: UInt], space: UserAddressSpace,
                       into record: inout UserProgramReport.Step)
    {
        record.check = name
        guard let address = buffers[name] else {
            record.met = false
            record.detail = "the program has no buffer named \(name)"
            return
        }
        let wanted = step.bytes ?? step.text.map { Array($0.utf8) } ?? []
        let actual = Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: wanted.count))
        record.contents = step.text != nil ? String(decoding: actual, as: UTF8.self) : actual.map(String.init).joined(separator: " ")
        if actual != wanted {
            record.met = false
            record.detail = "buffer \(name) holds \"\(record.contents ?? "")\", the program expected \"\(step.text ?? wanted.map(String.init).joined(separator: " "))\""
        }
    }

    /// An argument's value as the process passes it, and how the trace shows it.
    func resolve(_ argument: UserProgram.Argument, buffers: [String: UInt]) -> (Int64, (name: String, value: String)) {
        switch argument {
        case .number(let n):
            return (n, ("", String(n)))
        case .text(let text) where text.hasPrefix("@"):
            let parts = text.dropFirst().split(separator: "+", maxSplits: 1)
            let base = buffers[String(parts.first ?? "")] ?? 0
            let offset = parts.count > 1 ? UInt(parts[1]) ?? 0 : 0
            let address = base + offset
            let ea = kernel.userEffectiveAddress(of: address)?.description ?? "NULL"
            return (Int64(bitPattern: UInt64(address)), (String(text.dropFirst()), ea))
        case .text(let text):
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
            let raw = UInt64(digits.replacingOccurrences(of: "_", with: ""), radix: 16) ?? 0
            // A global-memory address reaches the kext as the pointer kernel code would use.
            let host = kernel.vmm.map.hostAddress(of: EffectiveAddress(raw)).map { UInt64($0.rawValue) } ?? raw
            return (Int64(bitPattern: host), ("", EffectiveAddress(raw).description))
        }
    }
}
