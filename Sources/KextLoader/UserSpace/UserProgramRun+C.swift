import CFaultGuard
import CUserRuntime
import Foundation
import Kernel
import PowerArch
import VMM
#if canImport(Glibc)
import Glibc
#endif

/// Runs a C user program (`--user prog.c`) as the simulated user process: its `main` on a stack
/// inside the user segment, so its locals are user addresses; `malloc` from the same segment;
/// its static data (globals) made user memory too, closed to kernel code while a system call
/// runs, as the stack is. Each call its C library makes into aixsim becomes one step of the
/// report, made exactly as a scenario's step is.
extension UserProgramRun {
    static let cStackBytes = 256 << 10
    static let cSegmentBytes = 4 << 20

    func runC(_ object: URL) -> (report: UserProgramReport, findings: [Finding]) {
        var report = UserProgramReport(path: path, pid: 0)
        var findings: [Finding] = []
        func fail(_ why: String) -> (report: UserProgramReport, findings: [Finding]) {
            findings.append(Finding(kind: .userExpectation, ea: nil, size: nil, kext: "user program", message: why))
            return (report, findings)
        }
        guard let space = UserAddressSpace(size: Self.cSegmentBytes) else {
            return fail("the host refused memory for the user process's segment")
        }
        var fault = aixsim_fault()
        var opened: UnsafeMutableRawPointer?
        guard aixsim_guarded_dlopen(object.path, RTLD_NOW | RTLD_LOCAL, &opened, &fault) == AIXSIM_GUARD_RETURNED,
              let handle = opened else {
            return fail("the user program could not be loaded: \(String(cString: dlerror()))")
        }
        // The object stays open for the rest of the run: a kext may still reach the program's
        // static data through a cross-memory descriptor after main returns.
        guard let main = dlsym(handle, "main") else {
            return fail("the user program defines no main")
        }
        guard let slot = dlsym(handle, "__aixsim_user_runtime") else {
            return fail("the user program was not built with aixsim's user C library")
        }
        slot.storeBytes(of: UnsafeRawPointer(aixsim_user_runtime_table()), as: UnsafeRawPointer?.self)
        var pieces = [aixsim_user_segment](repeating: aixsim_user_segment(), count: 3)
        let found = Int(aixsim_user_program_segments(slot, &pieces, 3))
        let dataStart = pieces.prefix(found).first(where: { $0.data != 0 })?.start ?? 0
        let textStart = pieces.first?.start ?? 0
        let segments = pieces.prefix(found).map { p in
            UserAddressSpace.ProgramSegment(
                host: p.start, size: Int(p.end - p.start),
                effectiveAddress: p.data != 0 ? UserAddressSpace.dataSegmentBase.advanced(by: UInt64(p.start - dataStart))
                    : UserAddressSpace.textSegmentBase.advanced(by: UInt64(p.start - textStart)),
                closes: p.closes != 0, protection: p.data != 0 ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC)
        }
        let dataEnd = segments.filter { $0.effectiveAddress >= UserAddressSpace.dataSegmentBase }
            .map { $0.effectiveAddress.advanced(by: UInt64($0.size)) }.max() ?? UserAddressSpace.dataSegmentBase
        space.attachProgram(segments, dataEnd: dataEnd)
        let process = UserProcess(space: space)
        kernel.startUserProcess(process)
        report = UserProgramReport(path: path, pid: process.pid)
        report.isC = true

        // The argument vector and the stack, in the segment.
        let name = Array(URL(fileURLWithPath: path).lastPathComponent.utf8CString)
        guard let argv = space.allocate(16), let text = space.allocate(name.count),
              let stack = space.allocate(Self.cStackBytes) else {
            return fail("the user process's segment is too small for its stack")
        }
        name.withUnsafeBytes { UnsafeMutableRawPointer(bitPattern: text)!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        UnsafeMutablePointer<UInt>(bitPattern: argv)![0] = text
        UnsafeMutablePointer<UInt>(bitPattern: argv)![1] = 0
        report.buffers["stack"] = space.effectiveAddress(of: stack)?.description
        if let data = segments.first(where: { $0.closes }) { report.buffers["static data"] = data.effectiveAddress.description }
        if let text = segments.first { report.buffers["program text"] = text.effectiveAddress.description }

        kernel.phase = RunPhase.user.rawValue
        var call = aixsim_user_call()
        var outcome = aixsim_user_start(unsafeBitCast(main, to: (@convention(c) (Int32, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32).self),
                                        1, UnsafeMutablePointer(bitPattern: argv), UnsafeMutableRawPointer(bitPattern: stack),
                                        Self.cStackBytes, &call, &fault)
        var handled = 0
        while true {
            guard outcome == AIXSIM_GUARD_RETURNED else {
                report.fault = describeUserFault(fault, object: object, space: space)
                findings.append(Finding(kind: .userExpectation, ea: nil, size: nil, kext: "user program",
                                        message: "the user process was killed by \(report.fault?.signal ?? "a signal"): \(report.fault?.detail ?? "")"))
                break
            }
            if call.kind == Int32(AIXSIM_USER_EXIT.rawValue) {
                let status = Int32(truncatingIfNeeded: call.args.0)
                report.exitStatus = status
                if status != 0 {
                    findings.append(Finding(kind: .userExpectation, ea: nil, size: nil, kext: "user program",
                                            message: "the user program exited with status \(status)"))
                }
                break
            }
            handled += 1
            var record = UserProgramReport.Step(index: handled)
            record.afterCall = kernel.totalCalls
            let (result, errno) = answer(call, space: space, into: &record)
            if !record.met {
                findings.append(Finding(kind: .userExpectation, ea: nil, size: nil, kext: record.kext ?? "user program",
                                        message: "user program call \(record.index): \(record.detail ?? "could not be made")"))
            }
            report.steps.append(record)
            if kernel.crash != nil { break }
            outcome = aixsim_user_resume(Int(result), errno?.rawValue ?? 0, &call, &fault)
        }
        return (report, findings)
    }

    /// Answers one request of the program's C library; the result and the errno it sets.
    private func answer(_ call: aixsim_user_call, space: UserAddressSpace,
                        into record: inout UserProgramReport.Step) -> (Int64, AIXErrno?)
    {
        let a = [call.args.0, call.args.1, call.args.2, call.args.3, call.args.4, call.args.5].map(Int64.init)
        let name = call.name.map { String(cString: $0) } ?? "?"
        switch aixsim_user_call_kind(rawValue: UInt32(call.kind)) {
        case AIXSIM_USER_SYSCALL:
            record.call = name
            let count = parameterCount(of: name)
            let values = a.prefix(count).map { kernelPointer($0) }
            record.arguments = a.prefix(count).map { .init(buffer: nil, value: show($0)) }
            guard let (result, errno) = makeSystemCall(name, values, into: &record) else {
                return (-1, kernel.crash == nil ? AIXErrno(rawValue: 109) : nil) // ENOSYS
            }
            record.result = result
            record.errno = errno?.name
            return (result, errno)
        case AIXSIM_USER_PRINT:
            let count = max(0, Int(a[0]))
            record.printed = call.name.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: count), as: UTF8.self) }
            return (a[0], nil)
        case AIXSIM_USER_MALLOC:
            let address = space.allocate(Int(max(0, a[0])))
            record.note = "malloc(\(a[0])) = \(address.flatMap { space.effectiveAddress(of: $0)?.description } ?? "NULL")"
            return address.map { (Int64(bitPattern: UInt64($0)), nil) } ?? (0, AIXErrno.noMemory)
        case AIXSIM_USER_FREE:
            record.note = "free(\(show(a[0])))"
            return (0, nil)
        case AIXSIM_USER_MKNOD:
            return mknod(path: string(at: a[0]), mode: a[1], device: DeviceNumber(rawValue: UInt64(bitPattern: a[2])), &record)
        case AIXSIM_USER_INTERRUPT:
            record.interrupt = Int32(truncatingIfNeeded: a[0])
            kernel.scheduleInterrupt(level: Int32(truncatingIfNeeded: a[0]), at: kernel.now)
            kernel.withUserMemoryClosed { kernel.run(for: .tick) }
            return (0, nil)
        case AIXSIM_USER_OPEN:
            record.call = "open"
            let path = string(at: a[0])
            record.arguments = [.init(buffer: nil, value: "\"\(path)\""), .init(buffer: nil, value: openFlags(a[1]))]
            guard let device = openFiles.nodes[path] else {
                record.detail = "\(path) is no special file the program made (mknod)"
                record.result = -1
                record.errno = AIXErrno(rawValue: 2).name
                return (-1, AIXErrno(rawValue: 2)) // ENOENT
            }
            return finishFile(open(device, mode: a[1], &record), &record)
        case AIXSIM_USER_CLOSE, AIXSIM_USER_READ, AIXSIM_USER_WRITE, AIXSIM_USER_IOCTL:
            record.call = name
            let count = name == "close" ? 1 : 3
            var values = Array(a.prefix(count))
            if name == "ioctl" { values[1] = Int64(Int32(truncatingIfNeeded: values[1])) }
            record.arguments = values.enumerated().map { i, v in .init(buffer: nil, value: i == 0 || (name == "ioctl" && i == 1) ? String(v) : show(v)) }
            if name != "close" { values[count - 2 + (name == "ioctl" ? 1 : 0)] = kernelPointer(values[count - 2 + (name == "ioctl" ? 1 : 0)]) }
            guard let file = openFiles.files[values[0]] else {
                return finishFile((-1, AIXErrno(rawValue: 9)), &record) // EBADF
            }
            return finishFile(callDriver(name, file: file, fd: values[0], values: values, &record), &record)
        default:
            record.note = "unknown request \(call.kind) from the user C library"
            return (-1, AIXErrno.invalidArgument)
        }
    }

    private func finishFile(_ outcome: (Int64, AIXErrno?), _ record: inout UserProgramReport.Step) -> (Int64, AIXErrno?) {
        guard kernel.crash == nil else {
            record.detail = "the system crashed in \(record.call ?? "the call")"
            return outcome
        }
        record.result = outcome.0
        if outcome.0 == -1 { record.errno = (outcome.1 ?? AIXErrno(rawValue: 0)).name }
        return outcome
    }

    /// mknod(path, S_IFCHR | mode, dev): the special file open finds the device by.
    private func mknod(path: String, mode: Int64, device: DeviceNumber,
                       _ record: inout UserProgramReport.Step) -> (Int64, AIXErrno?)
    {
        let isCharacter = mode & 0o170000 == 0o020000
        record.note = "mknod(\"\(path)\", \(isCharacter ? "S_IFCHR" : String(mode, radix: 8)), \(device)) "
        guard isCharacter else {
            record.note! += "= -1 EINVAL: aixsim's special files are character devices"
            return (-1, AIXErrno.invalidArgument)
        }
        guard openFiles.nodes[path] == nil else {
            record.note! += "= -1 EEXIST"
            return (-1, AIXErrno(rawValue: 17))
        }
        openFiles.nodes[path] = device
        record.note! += "= 0"
        return (0, nil)
    }

    /// How many arguments the program's declaration of a system call takes; six when it has none
    /// aixsim could read (the rest are whatever the registers held, as on the machine).
    private func parameterCount(of name: String) -> Int {
        if case .c(_, let arities) = form, let n = arities[name] { return n }
        return 6
    }

    /// A value the program passed: a global-memory address reaches the kext as the pointer
    /// kernel code would use, as a scenario's hex address does; anything else as it is.
    private func kernelPointer(_ value: Int64) -> Int64 {
        let raw = UInt64(bitPattern: value)
        guard raw >= 0xF000_0000_0000_0000, let host = kernel.vmm.map.hostAddress(of: EffectiveAddress(raw)) else { return value }
        return Int64(bitPattern: UInt64(host.rawValue))
    }

    /// A value as the report shows it: a user or kernel address as its effective address.
    private func show(_ value: Int64) -> String {
        let raw = UInt64(bitPattern: value)
        if let ea = kernel.userEffectiveAddress(of: UInt(raw)) { return ea.description }
        if raw >= 0xF000_0000_0000_0000 { return EffectiveAddress(raw).description }
        return String(value)
    }

    private func openFlags(_ flags: Int64) -> String {
        ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][Int(flags & 3)] + (flags & ~3 != 0 ? "|0x\(String(flags & ~3, radix: 16))" : "")
    }

    /// A NUL-terminated string in the program's memory (read while the program's own code runs).
    private func string(at address: Int64) -> String {
        guard address != 0, let p = UnsafePointer<CChar>(bitPattern: UInt(UInt64(bitPattern: address))) else { return "" }
        var fault = aixsim_fault()
        var buffer = [CChar](repeating: 0, count: 1024)
        guard aixsim_guarded_copy_string(&buffer, p, buffer.count, &fault) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The user-process fault: signal, address, and where in the program.
    private func describeUserFault(_ fault: aixsim_fault, object: URL, space: UserAddressSpace) -> UserProgramReport.Fault {
        let signal = switch fault.signal {
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGFPE: "SIGFPE"
        case SIGTRAP: "SIGTRAP"
        case SIGALRM: "SIGKILL"
        default: "signal \(fault.signal)"
        }
        var objectName: UnsafePointer<CChar>?
        var objectBase: UInt = 0
        var symbolName: UnsafePointer<CChar>?
        var symbolAddress: UInt = 0
        var location: String?
        if fault.pc != 0, aixsim_symbolize(fault.pc, &objectName, &objectBase, &symbolName, &symbolAddress) != 0,
           objectName.map({ String(cString: $0) }) == object.path {
            location = SourceLocator(elf: object).location(ofOffset: UInt64(fault.pc - objectBase))?.description
        }
        let address = space.effectiveAddress(of: fault.address)?.description
            ?? "0x" + String(fault.address, radix: 16, uppercase: true)
        let detail: String
        if fault.signal == SIGALRM {
            detail = "the program ran without making a call for longer than the watchdog allows (a loop that never ends?)"
        } else if fault.signal == SIGSEGV || fault.signal == SIGBUS {
            detail = "\(fault.is_write != 0 ? "store to" : "load from") \(fault.address_known != 0 ? address : "an address the host did not report")"
                + (location.map { " at \($0)" } ?? "")
                + (fault.is_write == 0 && fault.address_known != 0 && fault.address < 4096
                    ? " (on AIX this load would read 0: AIX maps a process's first page read-only; the host cannot, so aixsim stops here)" : "")
        } else {
            detail = location.map { "at \($0)" } ?? "in the program"
        }
        return .init(signal: signal, detail: detail)
    }
}
