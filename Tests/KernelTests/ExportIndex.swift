import Testing
import Kernel

/// A service's index in the export list, the number `Kernel.call` takes.
func exportIndex(_ service: String) throws -> Int {
    try #require(ExportList.all.firstIndex { $0.name == service })
}
