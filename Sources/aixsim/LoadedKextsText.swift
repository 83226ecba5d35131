import KextLoader

/// The load order of a run with several kexts, and each one's entry-point results.
enum LoadedKextsText {
    static func text(_ loaded: [RunReport.LoadedKextInfo]?) -> String {
        guard let loaded else { return "" }
        let shown = { (rc: Int32?) in rc.map(String.init) ?? "-" }
        return "kexts, in load order: " + loaded.map {
            "\($0.name) (CFG_INIT \(shown($0.initResult)), CFG_TERM \(shown($0.termResult)))"
        }.joined(separator: ", ") + "\n"
    }
}
