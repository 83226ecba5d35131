import KextLoader

/// The load order of a run with several kexts, each one's entry-point results, and where each
/// entry point is defined (the main kext's header gives only its own).
enum LoadedKextsText {
    static func text(_ loaded: [RunReport.LoadedKextInfo]?) -> String {
        guard let loaded else { return "" }
        let shown = { (rc: Int32?) in rc.map(String.init) ?? "-" }
        let order = "kexts, in load order: " + loaded.map {
            "\($0.name) (CFG_INIT \(shown($0.initResult)), CFG_TERM \(shown($0.termResult)))"
        }.joined(separator: ", ") + "\n"
        return order + loaded.map { k in
            "  \(k.name): entry point \(k.entry)" + (k.source?.fileLine.map { " at \($0)" } ?? "") + "\n"
        }.joined()
    }
}
