import Foundation
import Testing
@testable import Kernel

/// The reference docs keep up with what aixsim ships: every exported service appears in
/// docs/execution-environments.md's service table with the class the export list gives it, and
/// every header in aix-include appears in docs/headers.md.
@Suite("Docs coverage")
struct DocsCoverageTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// kernex.def's spelling of an environment class.
    static func className(_ environments: ServiceEnvironments) -> String {
        switch environments.rawValue {
        case 1: "PROCESS"
        case 3: "PROCESS_OR_INTERRUPT"
        case 5: "PROCESS_OR_SYSTEM_SPACE_INTERRUPT"
        case 9: "PROCESS_EVEN_DISABLED"
        default: "class \(environments.rawValue)"
        }
    }

    /// The table's rows: each service named in the first column, with the last column's class.
    static func documentedClasses() throws -> [String: [String]] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/execution-environments.md"), encoding: .utf8)
        var classes: [String: [String]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, cells[2].hasPrefix("`PROCESS") else { continue }
            let cls = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            for name in cells[0].split(separator: ",") {
                let service = name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                classes[service, default: []].append(cls)
            }
        }
        return classes
    }

    @Test("Every exported service is in docs/execution-environments.md's table with its class")
    func servicesDocumented() throws {
        let documented = try Self.documentedClasses()
        for export in ExportList.all {
            let expected = Self.className(export.environments)
            let rows = documented[export.name] ?? []
            let listed = rows.isEmpty ? "" : "; listed as \(rows.joined(separator: ", "))"
            #expect(rows.contains(expected),
                    "\(export.name) (\(expected), <\(export.header)>) is missing from the service table of docs/execution-environments.md\(listed)")
        }
    }

    @Test("The service table names no service the export list lacks")
    func noStaleServices() throws {
        let stale = try Self.documentedClasses().keys.filter { ExportList.byName[$0] == nil }
        #expect(stale.isEmpty, "docs/execution-environments.md lists \(stale.sorted()) but the export list does not")
    }

    @Test("Every header in aix-include is listed in docs/headers.md")
    func headersDocumented() throws {
        let include = Self.root.appendingPathComponent("Sources/AIXSimKernelABI/aix-include")
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/headers.md"), encoding: .utf8)
        let files = try #require(FileManager.default.subpaths(atPath: include.path)).filter { $0.hasSuffix(".h") }
        #expect(files.count > 30)
        let missing = files.sorted().filter { !docs.contains("`<\($0)>`") }
        #expect(missing.isEmpty, "docs/headers.md does not list \(missing.map { "<\($0)>" }.joined(separator: ", "))")
    }
}
