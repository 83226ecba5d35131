import Xmalloc

/// `--fail SERVICE:RULE`: make a kernel service fail on purpose, repeatably, to see how a kext
/// copes (xmalloc returning NULL, vm_galloc returning ENOMEM).
///
/// Rules: `nth=N` fails the Nth call only (counted from 1); `every=N` fails every Nth call;
/// `p=P` fails each call with probability P, drawn from a SplitMix64 seeded with `--seed`, so a
/// run replays exactly. Only calls that could otherwise succeed are counted: xmalloc consults
/// the rule after checking its heap and arguments, vm_galloc before it looks for space.
public struct FaultInjection: Hashable, Sendable, CustomStringConvertible {
    public enum Service: String, CaseIterable, Sendable {
        case xmalloc
        case vmGalloc = "vm_galloc"
    }

    public enum Rule: Hashable, Sendable {
        case nth(Int)
        case every(Int)
        case probability(Double)
        /// The first call from one call site of the kext (`function+0xOFFSET`, as reports name
        /// code): Linux failslab's per-site mode.
        case site(String)
    }

    public let service: Service
    public let rule: Rule

    public init(service: Service, rule: Rule) {
        self.service = service
        self.rule = rule
    }

    /// Parses `xmalloc:nth=3`, `vm_galloc:p=0.01`, `xmalloc:every=10`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let service = Service(rawValue: String(parts[0])) else { return nil }
        let rule = parts[1].split(separator: "=", maxSplits: 1)
        guard rule.count == 2 else { return nil }
        switch rule[0] {
        case "nth": guard let n = Int(rule[1]), n > 0 else { return nil }; self.rule = .nth(n)
        case "every": guard let n = Int(rule[1]), n > 0 else { return nil }; self.rule = .every(n)
        case "p": guard let p = Double(rule[1]), (0...1).contains(p) else { return nil }; self.rule = .probability(p)
        case "site": guard !rule[1].isEmpty else { return nil }; self.rule = .site(String(rule[1]))
        default: return nil
        }
        self.service = service
    }

    public var description: String {
        switch rule {
        case .nth(let n): "\(service.rawValue):nth=\(n)"
        case .every(let n): "\(service.rawValue):every=\(n)"
        case .probability(let p): "\(service.rawValue):p=\(p)"
        case .site(let s): "\(service.rawValue):site=\(s)"
        }
    }
}

/// Decides, call by call, whether an injected failure happens: counters per service and one
/// seeded generator, so the same seed and the same calls fail the same calls.
final class FaultInjector {
    private let rules: [FaultInjection]
    private var calls: [FaultInjection.Service: Int] = [:]
    private var random: SplitMix64
    /// Injected failures so far, per service.
    private(set) var injected: [FaultInjection.Service: Int] = [:]
    /// Every call site seen, for explore's per-site failslab (AllocationSites.swift).
    private(set) var sites = AllocationSites()
    private var failedSites: Set<String> = []
    /// Whether any rule names xmalloc, vm_galloc: read on every call, so not a search of `rules`.
    private let xmallocRuled: Bool
    private let vmGallocRuled: Bool

    init(rules: [FaultInjection], seed: UInt64) {
        self.rules = rules
        xmallocRuled = rules.contains { $0.service == .xmalloc }
        vmGallocRuled = rules.contains { $0.service == .vmGalloc }
        // A different stream from the xmalloc debug sampling, which uses the seed itself.
        random = SplitMix64(seed: seed ^ 0xFA17_FA17_FA17_FA17)
    }

    private func isRuled(_ service: FaultInjection.Service) -> Bool {
        switch service {
        case .xmalloc: xmallocRuled
        case .vmGalloc: vmGallocRuled
        }
    }

    /// True when the call cannot fail and its site is already noted: no rule names the service
    /// and the call comes from the same place as the last one (a kext allocating in a loop).
    /// Then `shouldFail` would return false and change nothing, and the caller need not name the
    /// site (a closure over the kernel) to ask it.
    func quietlyPasses(_ service: FaultInjection.Service, returnAddress: UInt) -> Bool {
        !isRuled(service) && sites.isLast(returnAddress)
    }

    /// `site` names the calling kext code; it is asked once per distinct return address (see
    /// `AllocationSites.note` for `noKextRuntime`).
    func shouldFail(_ service: FaultInjection.Service, returnAddress: UInt = 0, noKextRuntime: Bool = false,
                    site: () -> String? = { nil }) -> Bool
    {
        let location = sites.note(service, returnAddress: returnAddress, noKextRuntime: noKextRuntime, site: site)
        guard isRuled(service) else { return false }
        let n = calls[service, default: 0] + 1
        calls[service] = n
        var fail = false
        for rule in rules where rule.service == service {
            switch rule.rule {
            case .nth(let k): fail = fail || n == k
            case .every(let k): fail = fail || n % k == 0
            case .probability(let p):
                // Always draw, so one rule's outcome does not shift another's sequence.
                let draw = Double(random.next() >> 11) / Double(1 << 53)
                fail = fail || draw < p
            case .site(let s):
                if location == s, !failedSites.contains(s) {
                    failedSites.insert(s)
                    fail = true
                }
            }
        }
        if fail { injected[service, default: 0] += 1 }
        return fail
    }
}
