import Foundation

/// Where `--user FILE` is: as given, else beside the kext, so a kext's expect line can name its
/// program by a path relative to the kext wherever the run starts.
enum UserProgramPath {
    static func resolve(_ path: String, besideKext kext: String) -> String {
        if FileManager.default.fileExists(atPath: path) || path.hasPrefix("/") { return path }
        let beside = URL(fileURLWithPath: kext).deletingLastPathComponent().appending(path: path).standardized.path
        return FileManager.default.fileExists(atPath: beside) ? beside : path
    }
}
