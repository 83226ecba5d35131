import CFaultGuard
import PowerArch
#if canImport(Glibc)
import Glibc
#endif

extension Kernel {
    /// Records the crash for anything the fault guard caught in kext code: a DSI for a memory
    /// fault whose address the host reported, else the trap in AIX terms.
    /// `location` is the loader's function+offset; with debug information the kernel's own
    /// lookup adds the file and line.
    public func recordKextFault(_ fault: aixsim_fault, kext: KextID, location: String?) {
        let site = codeSite(fault.pc) ?? location
        if let misaligned = misalignedVectorCrash(fault, kext: kext, location: site) {
            recordCrash(misaligned)
        } else if fault.signal == SIGSEGV || fault.signal == SIGBUS, fault.address_known != 0, fault.bad_label == 0 {
            recordDataStorageInterrupt(hostAddress: fault.address, access: fault.access, kext: kext,
                                       location: site, pc: fault.pc,
                                       callers: fault.callerAddresses, stack: fault.stackWords)
        } else {
            var crash = hostTrapCrash(fault, kext: kext, location: site)
            // A hang, an illegal instruction or a refused system call stopped at a known
            // instruction: the report shows its line like a DSI's.
            let callers = leafReturn(pc: fault.pc, stack: fault.stackWords, callers: fault.callerAddresses)
                + fault.callerAddresses
            crash.frames = faultFrames(pc: fault.pc, callers: callers)
            recordCrash(crash)
        }
    }

    /// The report of a trap that is not a DSI with a known address.
    func hostTrapCrash(_ fault: aixsim_fault, kext: KextID, location: String?) -> Crash {
        let at = location.map { " at \($0)" } ?? ""
        let who = name(of: kext)
        let (kind, message, explanation): (Crash.Kind, String, String)
        if fault.bad_label != 0 {
            (kind, message, explanation) = (.unhandledException,
                "\(who) faulted\(at), and the setjmpx label it registered could not be read or written",
                "A fault inside a setjmpx/clrjmpx bracket resumes at the label's saved context. "
                    + "This label lies in memory that is no longer valid: a label_t left registered on a "
                    + "stack frame that has returned (setjmpx without clrjmpx), or in freed memory. AIX "
                    + "would resume through garbage; aixsim stops the run here instead.")
        } else if fault.sent != 0 && fault.sender_pid != Glibc.getpid() {
            (kind, message, explanation) = (.interrupted,
                "the process running \(who) received \(Self.signalName(fault.signal)) from outside aixsim (process \(fault.sender_pid))\(at)",
                "Another process sent the signal; neither the kext nor aixsim raised it, so it is no "
                    + "storage interrupt and says nothing about the kext. aixsim reports the run up to that point.")
        } else if fault.sent != 0 {
            (kind, message, explanation) = (.hostSignal,
                "\(who) sent signal \(Self.signalName(fault.signal)) to the process running it\(at)",
                "A kernel extension has no process of its own to signal: kill() from kernel code is "
                    + "not how AIX reports errors. aixsim reports the signal instead of treating it as "
                    + "a storage interrupt.")
        } else {
            switch fault.signal {
            case SIGSEGV, SIGBUS:
                (kind, message, explanation) = (.dsi,
                    "\(who) made a memory access\(at) to an unknown address (the host reported none)",
                    "The instruction addressed memory the host refused without saying where: a "
                        + "non-canonical address (such as an effective address of global memory used "
                        + "as a host pointer without translation, 0xF1000000…), or a misaligned vector "
                        + "access. On AIX any such access is a Data Storage Interrupt in kernel mode, "
                        + "and the system halts.")
            case SIGILL:
                (kind, message, explanation) = (.programInterrupt,
                    "\(who) executed an illegal instruction\(at)",
                    "POWER takes a program interrupt for an instruction it does not recognise; in "
                        + "kernel mode AIX halts the system. The compiler emits such an instruction for "
                        + "__builtin_trap() and for code it knows cannot be reached.")
            case SIGTRAP:
                (kind, message, explanation) = (.programInterrupt,
                    "\(who) executed a trap instruction\(at)",
                    "A trap instruction (tw/td on POWER, int3 on the host) raises a program interrupt; "
                        + "without the kernel debugger AIX halts the system.")
            case SIGFPE:
                (kind, message, explanation) = (.hostTrap,
                    "\(who) divided an integer by zero (or overflowed a division)\(at)",
                    "POWER's divide instructions never trap: divw/divd by zero leave an undefined "
                        + "result and AIX runs on with it. The host CPU traps instead, so aixsim reports "
                        + "it here: the kext's result would be garbage on AIX.")
            case Int32(AIXSIM_WATCHDOG_SIGNAL):
                (kind, message, explanation) = (.hang,
                    "\(who) ran without calling the kernel for longer than the watchdog allows; it was spinning\(at)",
                    "Kernel code that never returns nor calls a service holds the processor: on AIX "
                        + "the system hangs (at raised priority, interrupts never arrive). aixsim's "
                        + "watchdog stopped it.")
            case SIGSYS:
                (kind, message, explanation) = (.sandboxViolation,
                    "\(who) made the host system call \(Self.systemCallName(fault.syscall))\(at); the sandbox refused it",
                    "A kernel extension runs inside the AIX kernel: it has no host system calls. "
                        + "aixsim's sandbox refuses them (process creation, files, signals to other "
                        + "processes) and reports the attempt instead of carrying it out.")
            default:
                (kind, message, explanation) = (.hostTrap,
                    "\(who) raised host signal \(Self.signalName(fault.signal))\(at)",
                    "The host CPU trapped in kext code on something with no AIX counterpart.")
            }
        }
        var crash = Crash(kind: kind, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: explanation, kext: who, location: location)
        crash.service = nil
        if kind == .interrupted { crash.signal = fault.signal }
        return crash
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGFPE: "SIGFPE"
        case SIGTRAP: "SIGTRAP"
        case SIGALRM: "SIGALRM"
        case SIGSYS: "SIGSYS"
        case SIGABRT: "SIGABRT"
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        case SIGHUP: "SIGHUP"
        case SIGPIPE: "SIGPIPE"
        case SIGINT: "SIGINT"
        case SIGXCPU: "SIGXCPU"
        case SIGXFSZ: "SIGXFSZ"
        default: "signal \(signal)"
        }
    }

    /// The x86-64 Linux system calls the sandbox refuses, by number.
    static func systemCallName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            1: "write", 2: "open", 13: "rt_sigaction", 41: "socket", 42: "connect", 56: "clone",
            57: "fork", 58: "vfork", 59: "execve", 62: "kill", 76: "truncate", 82: "rename",
            83: "mkdir", 85: "creat", 86: "link", 88: "symlink", 101: "ptrace", 112: "setsid",
            160: "setrlimit", 165: "mount", 234: "tgkill", 257: "openat", 258: "mkdirat",
            264: "renameat", 316: "renameat2", 322: "execveat", 435: "clone3",
        ]
        return names[number].map { "\($0) (\(number))" } ?? "number \(number)"
    }

    /// The name of a host signal, for reports the supervisor writes.
    public static func hostSignalName(_ signal: Int32) -> String { signalName(signal) }
}
