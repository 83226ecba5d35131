import Foundation
import Testing
@testable import Kernel
@testable import KextLoader
import KextFixtures

/// One kernel-services table per kext, bound to the kernel's services.
@Suite("Loader: bound kernel-services tables", .serialized)
struct BoundKernelTableTests {
    @Test("A bound table carries the ABI version and a closure for every service")
    func boundTable() throws {
        let kernel = try Kernel()
        let table = BoundKernelTable(kernel: kernel, kext: kernel.registerKext(named: "t"))
        #expect(table.table.load(as: UInt32.self) == ExportList.abiVersion)
        #expect(table.table.load(fromByteOffset: 4, as: UInt32.self) == UInt32(ExportList.all.count))
        for e in ExportList.all {
            #expect(table.table.load(fromByteOffset: e.tableOffset, as: UInt.self) != 0)
        }
    }

    // MARK: - Per-kext tables

    @Test("Two kexts in one kernel each get their own table; calls and regions are attributed")
    func attribution() throws {
        let kernel = try Kernel()
        let dir = FileManager.default.temporaryDirectory.appending(path: "aixsim-attr-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let compiler = KextCompiler(environment: KextBuildEnvironment())
        let leakObject = try compiler.compile(URL(fileURLWithPath: Fixture.path("leak")), entry: "leak_entry", into: dir)
        let touchObject = try compiler.compile(URL(fileURLWithPath: Fixture.path("touch_all")), entry: nil, into: dir)
        let a = try LoadedKext(url: leakObject, name: "a", displayPath: "a", entrySymbol: nil, kernel: kernel)
        let b = try LoadedKext(url: touchObject, name: "b", displayPath: "b", entrySymbol: "touch_all_entry", kernel: kernel)
        guard case .returned(0) = a.callEntry(command: 1, uio: nil),
              case .returned(0) = b.callEntry(command: 1, uio: nil)
        else { Issue.record("entry points failed"); return }
        #expect(kernel.regions(ownedBy: a.id).count == 2)
        #expect(kernel.regions(ownedBy: b.id).count == 1)
        #expect(kernel.trace.records.map(\.kext) == ["a", "a", "b", "b"])
        #expect(kernel.trace.records.map(\.service) == ["vm_galloc", "vm_galloc", "vm_galloc", "printf"])
    }

    @Test("Calls from one kext's timer handlers are attributed to it, with another kext loaded")
    func timerHandlerAttribution() throws {
        let kernel = try Kernel()
        let registry = KextRegistry()
        kernel.runtime = registry
        let dir = FileManager.default.temporaryDirectory.appending(path: "aixsim-attr-timer-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let compiler = KextCompiler(environment: KextBuildEnvironment())
        let leakObject = try compiler.compile(URL(fileURLWithPath: Fixture.path("leak")), entry: "leak_entry", into: dir)
        let timerObject = try compiler.compile(URL(fileURLWithPath: Fixture.path("timer_order")),
                                               entry: "timer_order_entry", into: dir)
        let a = try LoadedKext(url: leakObject, name: "a", displayPath: "a", entrySymbol: nil, kernel: kernel)
        let b = try LoadedKext(url: timerObject, name: "b", displayPath: "b", entrySymbol: "timer_order_entry",
                               kernel: kernel)
        registry.add(a)
        registry.add(b)
        guard case .returned(0) = b.callEntry(command: 1, uio: nil),
              case .returned(0) = a.callEntry(command: 1, uio: nil)
        else { Issue.record("entry points failed"); return }
        let before = kernel.trace.records.count
        kernel.run(for: .milliseconds(100))
        let fromTimers = kernel.trace.records.dropFirst(before)
        // The three timeouts that were not cancelled each printed from b's handler.
        #expect(fromTimers.filter { $0.service == "printf" }.count == 3)
        #expect(fromTimers.allSatisfy { $0.kext == "b" })
        #expect(fromTimers.allSatisfy { $0.context != nil })
        #expect(kernel.trace.records.prefix(before).filter { $0.kext == "a" }.map(\.service) == ["vm_galloc", "vm_galloc"])
    }
}
