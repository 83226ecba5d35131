import AIXSimKernelABI
import Kernel
import VMM
#if canImport(Glibc)
import Glibc
#endif

/// The user program's file calls on a device: `open`, `close`, `read`, `write`, `ioctl`, routed
/// as AIX's file system routes them for a character device, through the device switch table to
/// the driver's `d_open`, `d_close`, `d_read`, `d_write`, `d_ioctl`, in the process environment
/// with the user process current.
extension UserProgramRun {
    static let fileCalls: Set<String> = ["open", "close", "read", "write", "ioctl"]

    /// The process's open files: descriptor → device and how it was opened.
    final class OpenFiles {
        struct File { let device: DeviceNumber; let devflag: UInt64 }
        var files: [Int64: File] = [:]
        var next: Int64 = 3
        /// Special files a C program made with mknod: path → device.
        var nodes: [String: DeviceNumber] = [:]
    }

    func fileCall(_ name: String, _ step: UserProgram.Step, buffers: [String: UInt],
                  into record: inout UserProgramReport.Step)
    {
        record.call = name
        record.expected = step.expect
        record.expectedErrno = step.errno
        let args = step.args ?? []
        let resolved = args.map { resolve($0, buffers: buffers) }
        record.arguments = resolved.map { .init(buffer: $0.1.name.isEmpty ? nil : $0.1.name, value: $0.1.value) }
        let result: (Int64, AIXErrno?)
        switch name {
        case "open":
            // The device and mode read as the program wrote them, not as addresses.
            record.arguments = args.map { a in
                switch a { case .number(let n): .init(buffer: nil, value: String(n)); case .text(let t): .init(buffer: nil, value: t) }
            }
            result = open(args, &record)
        default:
            guard let fd = resolved.first?.0, let file = openFiles.files[fd] else {
                finish(record: &record, step, result: -1, errno: AIXErrno(rawValue: 9)) // EBADF
                return
            }
            result = callDriver(name, file: file, fd: fd, values: resolved.map(\.0), &record)
        }
        finish(record: &record, step, result: result.0, errno: result.1)
    }

    private func finish(record: inout UserProgramReport.Step, _ step: UserProgram.Step, result: Int64, errno: AIXErrno?) {
        guard kernel.crash == nil else {
            record.detail = "the system crashed in \(record.call ?? "the call")"
            return
        }
        record.result = result
        if result == -1 { record.errno = (errno ?? AIXErrno(rawValue: 0)).name }
        judge(&record, step)
    }

    private func open(_ args: [UserProgram.Argument], _ record: inout UserProgramReport.Step) -> (Int64, AIXErrno?) {
        let device: DeviceNumber? = switch args.first {
        case .text(let t)?:
            t.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.count == 2
                ? { let p = t.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces))! }
                    return DeviceNumber(major: p[0], minor: p[1]) }()
                : nil
        case .number(let n)?: DeviceNumber(rawValue: UInt64(n))
        default: nil
        }
        let mode: Int64 = switch args.dropFirst().first {
        case .number(let n)?: n
        case .text("O_WRONLY")?: 1
        case .text("O_RDWR")?: 2
        default: 0
        }
        return open(device, mode: mode, &record)
    }

    /// Opens `device` as AIX's file system opens a character special file: the driver's d_open
    /// through the device switch, then a new descriptor.
    func open(_ device: DeviceNumber?, mode: Int64, _ record: inout UserProgramReport.Step) -> (Int64, AIXErrno?) {
        guard let device, let entry = kernel.deviceEntry(for: device) else {
            record.detail = "no driver has a device switch entry for that major number"
            return (-1, AIXErrno(rawValue: 6)) // ENXIO
        }
        record.kext = kernel.name(of: entry.kext)
        let file = OpenFiles.File(device: device, devflag: UInt64(mode & 3) + 1)
        if entry.open != 0 {
            let rc = enterDriver("open", entry: entry, entry.open, [Int64(device.rawValue), Int64(file.devflag), 0, 0])
            guard let rc else { return (-1, nil) }
            if rc != 0 { return (-1, AIXErrno(rawValue: rc)) }
        }
        let fd = openFiles.next
        openFiles.next += 1
        openFiles.files[fd] = file
        kernel.noteDeviceOpen(device, 1)
        return (fd, nil)
    }

    func callDriver(_ name: String, file: OpenFiles.File, fd: Int64, values: [Int64],
                            _ record: inout UserProgramReport.Step) -> (Int64, AIXErrno?)
    {
        guard let entry = kernel.deviceEntry(for: file.device) else { return (-1, AIXErrno(rawValue: 6)) }
        record.kext = kernel.name(of: entry.kext)
        let devno = Int64(file.device.rawValue)
        switch name {
        case "close":
            openFiles.files[fd] = nil
            kernel.noteDeviceOpen(file.device, -1)
            guard entry.close != 0 else { return (0, nil) }
            guard let rc = enterDriver(name, entry: entry, entry.close, [devno, 0, 0]) else { return (-1, nil) }
            return rc == 0 ? (0, nil) : (-1, AIXErrno(rawValue: rc))
        case "ioctl":
            guard entry.ioctl != 0 else { return (-1, AIXErrno(rawValue: 25)) } // ENOTTY
            let cmd = values.count > 1 ? values[1] : 0, arg = values.count > 2 ? values[2] : 0
            guard let rc = enterDriver(name, entry: entry, entry.ioctl, [devno, cmd, arg, Int64(file.devflag), 0, 0])
            else { return (-1, nil) }
            return rc == 0 ? (0, nil) : (-1, AIXErrno(rawValue: rc))
        default: // read, write: a uio over the one user buffer, in the user address space
            let function = name == "read" ? entry.read : entry.write
            guard function != 0 else { return (-1, AIXErrno(rawValue: 19)) } // ENODEV
            let buffer = values.count > 1 ? values[1] : 0, count = values.count > 2 ? Int(values[2]) : 0
            // In the handed-structure arena: a driver's store past either faults and is named.
            let arena = HandedStructureArena.shared
            let vector = arena.allocate(.systemCallIovecArray, bytes: MemoryLayout<iovec>.size,
                                        alignment: MemoryLayout<iovec>.alignment).bindMemory(to: iovec.self, capacity: 1)
            vector.initialize(to: iovec(iov_base: UnsafeMutableRawPointer(bitPattern: UInt(UInt64(bitPattern: buffer))),
                                        iov_len: max(0, count)))
            let u = arena.allocate(.systemCallUIO, bytes: MemoryLayout<AIXSimKernelABI.uio>.size,
                                   alignment: MemoryLayout<AIXSimKernelABI.uio>.alignment)
                .bindMemory(to: AIXSimKernelABI.uio.self, capacity: 1)
            var fresh = AIXSimKernelABI.uio()
            fresh.uio_iov = vector
            fresh.uio_iovcnt = 1
            fresh.uio_resid = max(0, count)
            fresh.uio_segflg = 0 // UIO_USERSPACE
            fresh.uio_fmode = Int(file.devflag)
            u.initialize(to: fresh)
            defer {
                arena.release(UnsafeMutableRawPointer(vector))
                arena.release(UnsafeMutableRawPointer(u))
            }
            guard let rc = enterDriver(name, entry: entry, function,
                                       [devno, Int64(Int(bitPattern: UInt(bitPattern: u))), 0, 0])
            else { return (-1, nil) }
            if rc != 0 { return (-1, AIXErrno(rawValue: rc)) }
            return (Int64(max(0, count) - u.pointee.uio_resid), nil)
        }
    }

    /// Runs one driver entry point as the system call handler would: the process in a system
    /// call, the entry point's int result (an errno, 0 for success); nil if the system crashed.
    private func enterDriver(_ name: String, entry: DeviceEntry, _ function: UInt, _ arguments: [Int64]) -> Int32? {
        guard let kext = kexts.first(where: { $0.id == entry.kext }),
              let pointer = UnsafeMutableRawPointer(bitPattern: function) else { return nil }
        kernel.enterSystemCall(name)
        let outcome = kext.callSystemCall(pointer, arguments)
        kernel.absorbPageEvents(by: kext.id)
        kernel.absorbDeliveries()
        kernel.leaveSystemCall()
        switch outcome {
        case .returned(let raw):
            _ = kernel.checkReturnPriority(of: "d_\(name)", kext: kext.id, expected: .INTBASE)
            return Int32(truncatingIfNeeded: raw)
        case .faulted(let fault):
            kernel.recordDataStorageInterrupt(hostAddress: fault.address, access: fault.access,
                                              kext: kext.id, location: kext.location(of: fault.pc))
            return nil
        case .abandoned:
            return nil
        }
    }
}
