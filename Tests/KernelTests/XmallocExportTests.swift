import Testing
@testable import Kernel

@Suite("xmalloc services in the export list, and --fail rules")
struct XmallocExportTests {
    @Test("The export list declares the xmalloc services in <sys/malloc.h>, process only")
    func exports() throws {
        for name in ["xmalloc", "xmfree", "init_heap"] {
            let export = try #require(ExportList.byName[name])
            #expect(export.header == "sys/malloc.h")
            #expect(export.environments == .process)
        }
        #expect(ExportList.byName["aixsim_kernel_heap"]?.environments.contains(.interrupt) == true)
        #expect(ExportList.byName["xmalloc"]?.prototype == "caddr_t xmalloc(int size, int align, caddr_t heap)")
    }

    @Test("--fail rules parse, and bad ones do not", arguments: [
        ("xmalloc:nth=3", true), ("vm_galloc:p=0.01", true), ("xmalloc:every=2", true),
        ("xmalloc:nth=0", false), ("vm_galloc:p=2", false), ("malloc:nth=1", false), ("xmalloc", false),
    ])
    func parse(text: String, valid: Bool) {
        #expect((FaultInjection(parsing: text) != nil) == valid)
    }
}
