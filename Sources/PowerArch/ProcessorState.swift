/// The parts of the MSR that translation depends on: PR, IR and DR.
public struct ProcessorState: Hashable, Sendable, CustomStringConvertible {
    /// MSR[PR].
    public var privilege: Privilege
    /// MSR[IR]: translation of instruction fetches.
    public var instructionTranslation: TranslationMode
    /// MSR[DR]: translation of loads and stores.
    public var dataTranslation: TranslationMode

    public init(
        privilege: Privilege,
        instructionTranslation: TranslationMode = .translated,
        dataTranslation: TranslationMode = .translated
    ) {
        self.privilege = privilege
        self.instructionTranslation = instructionTranslation
        self.dataTranslation = dataTranslation
    }

    /// Kernel code running with translation on, the state of an AIX kernel extension.
    public static let supervisor = ProcessorState(privilege: .supervisor)
    /// User code running with translation on.
    public static let problem = ProcessorState(privilege: .problem)

    /// The translation mode governing `access`.
    public func translationMode(for access: AccessKind) -> TranslationMode {
        access == .instructionFetch ? instructionTranslation : dataTranslation
    }

    public var description: String {
        "\(privilege) IR=\(instructionTranslation.rawValue) DR=\(dataTranslation.rawValue)"
    }
}
