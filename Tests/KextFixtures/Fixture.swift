import Foundation
import Kernel
import KextLoader

/// The C kexts the tests load, in Tests/Kexts/<group>/NAME.c, grouped by the rule or bug class
/// they exercise. Tests name a fixture by NAME alone, so regrouping one moves no test.
public enum Fixture {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Kexts")

    /// Every fixture's source file, by name. Two fixtures with one name in different groups
    /// would make a test's choice silent, so that traps here.
    public static let sources: [String: URL] = {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "c" } ?? []
        return Dictionary(files.map { ($0.deletingPathExtension().lastPathComponent, $0) }) { a, b in
            preconditionFailure("two test kexts are named \(a.lastPathComponent): \(a.path) and \(b.path)")
        }
    }()

    /// The path of fixture NAME.c, in whichever group it sits.
    public static func path(_ name: String) -> String {
        guard let url = sources[name] else { preconditionFailure("no test kext named \(name) under \(directory.path)") }
        return url.path
    }

    /// Compiles and loads fixture NAME (entry NAME_entry) in a fresh kernel and runs it.
    public static func run(_ name: String, data: String? = nil, gallocHeap: UInt64? = nil,
                           pagingSpace: UInt64? = nil, realMemory: UInt64? = nil, entry: String? = nil,
                           xmalloc: XmallocSettings = XmallocSettings()) -> RunReport
    {
        var configuration = Kernel.Configuration()
        configuration.xmalloc = xmalloc
        configuration.realMemoryBytes = realMemory
        if let gallocHeap { configuration.gallocHeapBytes = gallocHeap }
        configuration.pagingSpaceBytes = pagingSpace
        return KextRun.run(LoadRequest(kext: path(name), entry: entry ?? "\(name)_entry", data: data,
                                       kernel: configuration))
    }
}

extension RunReport {
    /// The results of the kext's calls to one service, in order.
    public func results(of service: String) -> [Int64] {
        calls.filter { $0.service == service }.map(\.result)
    }
}
