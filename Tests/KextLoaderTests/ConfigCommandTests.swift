import Testing
import KextLoader

@Suite("Entry-point commands")
struct ConfigCommandTests {
    @Test("CFG_INIT and CFG_TERM carry AIX 5.3's values")
    func values() {
        #expect(ConfigCommand.initialize.rawValue == 1 && ConfigCommand.terminate.rawValue == 2)
    }
}
