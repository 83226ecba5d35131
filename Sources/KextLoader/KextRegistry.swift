import CFaultGuard
import Foundation
import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// The loaded kexts of one kernel, as the kernel needs to see them: who owns a code address,
/// how to name it, and how to call a handler. Holds the kexts weakly: their owner is the run.
final class KextRegistry: KextRuntime {
    private struct Entry {
        weak var kext: LoadedKext?
    }

    private var entries: [Entry] = []

    func add(_ kext: LoadedKext) {
        entries.append(Entry(kext: kext))
    }

    private var kexts: [LoadedKext] { entries.compactMap(\.kext) }

    /// The shared object dlopen is opening: its constructors run before it is a `LoadedKext`,
    /// and a fault in one is named from its debug information like any other kext code.
    private var opening: (path: String, locator: SourceLocator)?

    func beginOpening(_ objectPath: String) {
        opening = (objectPath, SourceLocator(elf: URL(fileURLWithPath: objectPath)))
    }

    func endOpening() {
        opening = nil
    }

    /// The shared object an address lies in, and where it was loaded.
    private func object(containing address: UInt) -> (path: String, base: UInt)? {
        var objectName: UnsafePointer<CChar>?
        var base: UInt = 0
        var symbol: UnsafePointer<CChar>?
        var symbolAddress: UInt = 0
        guard address != 0, aixsim_symbolize(address, &objectName, &base, &symbol, &symbolAddress) != 0,
              let objectName
        else { return nil }
        return (String(cString: objectName), base)
    }

    private func loadedKext(containing address: UInt) -> LoadedKext? {
        guard let object = object(containing: address) else { return nil }
        return kexts.first { $0.objectPath == object.path }
    }

    func kext(containing address: UInt) -> KextID? {
        loadedKext(containing: address)?.id
    }

    func servicesTableOwner(containing address: UInt) -> KextID? {
        kexts.first { $0.table.contains(address) }?.id
    }

    func location(of address: UInt) -> String? {
        loadedKext(containing: address)?.location(of: address)
    }

    func dataSymbol(at address: UInt) -> String? {
        loadedKext(containing: address)?.dataSymbol(at: address)
    }

    /// The function and source line of a code address in a kext. Not yet part of `KextRuntime`:
    /// `location(of:)` keeps its `function+0xOFFSET` text until the reports move to this.
    func sourceLocation(of address: UInt) -> KextSourceLocation? {
        if let kext = loadedKext(containing: address) { return kext.sourceLocation(of: address) }
        guard let opening, let object = object(containing: address), object.path == opening.path,
              address >= object.base
        else { return nil }
        return opening.locator.location(ofOffset: UInt64(address - object.base))
    }

    /// Report frames are read once per address: a kext looping on a service asks again and again.
    private var frames: [UInt: KextFrame?] = [:]

    func frame(of address: UInt) -> KextFrame? {
        if let known = frames[address] { return known }
        let frame = sourceLocation(of: address).map(KextFrame.init(location:))
        frames[address] = .some(frame)
        return frame
    }

    func callHandler(_ function: UInt, argument: UInt, kext: KextID) -> HandlerOutcome {
        guard let loaded = kexts.first(where: { $0.id == kext }),
              let pointer = UnsafeMutableRawPointer(bitPattern: function)
        else { return .abandoned }
        switch loaded.callPointerFunction(pointer, argument) {
        case .returned(let value): return .returned(value)
        case .faulted(let f) where (f.signal == SIGSEGV || f.signal == SIGBUS) && f.address_known != 0
            && f.bad_label == 0 && f.address_decoded == 0:
            return .faulted(address: f.address, access: f.access, pc: f.pc)
        case .faulted(let f): return .trapped(f)
        case .abandoned: return .abandoned
        }
    }
}
