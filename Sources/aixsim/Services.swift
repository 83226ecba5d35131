import ArgumentParser
import Foundation
import Kernel

extension AIXSim {
    struct Services: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the kernel services kexts may import (aixsim's kernex.exp).",
            discussion: """
                Each service is shown with the AIX header that declares it, its C prototype and \
                the execution environments AIX allows it in. A kext that imports anything else \
                (besides libcsys' string functions) is refused at load, as AIX's loader refuses \
                an unresolved symbol.
                """)

        @OptionGroup var output: OutputOptions

        func run() throws {
            let exports = ExportList.all
            if output.json {
                struct Entry: Encodable {
                    let name, header, prototype, environment: String
                }
                let entries = exports.map {
                    Entry(name: $0.name, header: "<\($0.header)>", prototype: $0.prototype,
                          environment: $0.environments.aixWording)
                }
                struct Listing: Encodable {
                    let abiVersion: UInt32
                    let services: [Entry]
                    let libcsys: [String]
                }
                try printJSON(Listing(abiVersion: ExportList.abiVersion, services: entries,
                                      libcsys: ExportList.libcsys.sorted()))
                return
            }
            print("Kernel services exported to kexts (kernel-services ABI version \(ExportList.abiVersion)):\n")
            let byHeader = Dictionary(grouping: exports, by: \.header)
            for header in byHeader.keys.sorted() {
                print("<\(header)>")
                for e in byHeader[header]! {
                    print("  \(e.prototype);")
                    print("      callable from: \(e.environments.aixWording)")
                }
                print("")
            }
            print("String functions from libcsys a kext may also import:")
            print("  " + ExportList.libcsys.sorted().joined(separator: ", "))
        }
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}
