import AIXSimKernelABI
import Foundation
import Testing
@testable import Kernel
import VMM

@Suite("Export list (kernex) and AIX constants")
struct ExportListTests {
    @Test("Every export has a header, a prototype, a parseable signature and a table slot")
    func wellFormed() {
        let exports = ExportList.all
        #expect(!exports.isEmpty)
        var offsets = Set<Int>()
        for e in exports {
            #expect(!e.header.isEmpty && e.prototype.contains(e.name))
            #expect(e.parameterTypes.count <= ServiceArguments.capacity)
            #expect(!e.environments.isEmpty)
            #expect(e.tableOffset >= 8 && e.tableOffset + 8 <= ExportList.tableSize)
            offsets.insert(e.tableOffset)
        }
        #expect(offsets.count == exports.count, "each service has its own table entry")
    }

    @Test("vm_galloc and vm_gfree are declared in <sys/vmuser.h>, process environment only")
    func gallocDeclarations() throws {
        for name in ["vm_galloc", "vm_gfree"] {
            let e = try #require(ExportList.byName[name])
            #expect(e.header == "sys/vmuser.h")
            #expect(e.environments == .process)
        }
        #expect(ExportList.byName["vm_galloc"]?.prototype == "int vm_galloc(int type, vmsize_t size, ulong *eaddr)")
        #expect(ExportList.byName["printf"]?.environments == [.process, .interrupt])
    }

    @Test("The kernel implements every exported service")
    func implemented() {
        for e in ExportList.all {
            #expect(Kernel.serviceDefinitions[e.name] != nil, "\(e.name) is exported but not implemented")
        }
    }

    @Test("Each service is implemented in its own header's table, once")
    func filedByHeader() {
        var seen: [String: String] = [:]
        for table in Kernel.serviceTables {
            for name in table.definitions.keys {
                #expect(seen[name] == nil, "\(name) is in the <\(table.header)> and <\(seen[name] ?? "")> tables")
                seen[name] = table.header
                #expect(ExportList.byName[name]?.header == table.header,
                        "\(name) is filed under <\(table.header)>, not under the header the export list names")
            }
        }
        #expect(Set(seen.keys) == Set(ExportList.all.map(\.name)))
    }

    @Test("Swift constants match AIX 5.3's values")
    func constants() {
        #expect(GallocFlags.working.rawValue == 0x1)
        #expect(GallocFlags.system.rawValue == 0x20)
        #expect(GallocFlags.userReadable.rawValue == 0x80)
        #expect(GallocFlags.noExecute.rawValue == 0x8000_0000)
        #expect(AIXErrno.invalidArgument.rawValue == 22)
        #expect(AIXErrno.noSpace.rawValue == 28)
        #expect(AIXErrno.noMemory.rawValue == 12)
        #expect(AIXErrno.badAddress.rawValue == 14)
        #expect(AIXErrno.noSpace.name == "ENOSPC")
    }

    @Test("Sizes parse in binary units", arguments: [
        ("64M", UInt64(64) << 20), ("16G", UInt64(16) << 30), ("4096", 4096), ("512k", 512 << 10), ("2GB", 2 << 30),
    ])
    func sizes(text: String, bytes: UInt64) {
        #expect(ByteCount.parse(text) == bytes)
    }

    @Test("Bad sizes are refused", arguments: ["", "0", "-1", "1.5G", "M", "12Q", "99999999999999T"])
    func badSizes(text: String) {
        #expect(ByteCount.parse(text) == nil)
    }
}
