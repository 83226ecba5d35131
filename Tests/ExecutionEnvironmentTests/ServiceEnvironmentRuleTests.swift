import Testing
@testable import ExecutionEnvironment

/// The rule checked on every service call, swept over every environment, priority and
/// declaration against a model written apart from the code.
@Suite("The service environment rule")
struct ServiceEnvironmentRuleTests {
    enum Place: CustomStringConvertible {
        case process(InterruptPriority)
        case interrupt(InterruptPriority)

        var description: String {
            switch self {
            case .process(let p): "process at \(p.name)"
            case .interrupt(let p): "interrupt at \(p.name)"
            }
        }

        var tracker: EnvironmentTracker {
            var cpu = EnvironmentTracker()
            switch self {
            case .process(let p): _ = cpu.disable(to: p)
            case .interrupt(let p): cpu.enterInterrupt(.timer(handler: "h"), at: p)
            }
            return cpu
        }
    }

    static let priorities = (Int32(0)...11).map { InterruptPriority(rawValue: $0)! }
    static let places: [Place] = priorities.map(Place.process) + priorities.map(Place.interrupt)
    /// Every combination of the four declarations.
    static let declarations = (UInt32(0)..<16).map(ServiceEnvironments.init(rawValue:))

    /// AIX's rule, as the reference states it: interrupt-level code may call only services usable
    /// at interrupt level (fully or for system-space data); process code with interrupts disabled
    /// is held to the same, except the few services allowed at a raised priority; process code
    /// at INTBASE may call anything.
    static func model(_ place: Place, _ allowed: ServiceEnvironments) -> EnvironmentViolation.Kind? {
        let atInterruptLevel = !allowed.isDisjoint(with: [.interrupt, .interruptForSystemSpaceOnly])
        switch place {
        case .interrupt:
            return atInterruptLevel ? nil : .interruptEnvironment
        case .process(let p) where p == .INTBASE:
            return nil
        case .process:
            return atInterruptLevel || allowed.contains(.processAtRaisedPriority) ? nil : .interruptsDisabled
        }
    }

    @Test("Every place × every declaration agrees with the model", arguments: places)
    func sweep(place: Place) {
        let cpu = place.tracker
        for allowed in Self.declarations {
            #expect(cpu.violationKind(allowed: allowed) == Self.model(place, allowed),
                    "\(place), allowed \(allowed.rawValue)")
        }
    }

    // MARK: - Each rule on its own

    @Test("A process-only service at interrupt level is an interrupt-environment violation")
    func processOnlyAtInterrupt() {
        #expect(Place.interrupt(.INTTIMER).tracker.violationKind(allowed: .process) == .interruptEnvironment)
        #expect(Place.interrupt(.INTOFFL3).tracker.violationKind(allowed: [.process, .processAtRaisedPriority])
            == .interruptEnvironment, "a raised-priority allowance is not an interrupt-level one")
    }

    @Test("Interrupt-usable services are legal everywhere")
    func interruptUsable() {
        for place in Self.places {
            #expect(place.tracker.violationKind(allowed: [.process, .interrupt]) == nil, "\(place)")
            #expect(place.tracker.violationKind(allowed: [.process, .interruptForSystemSpaceOnly]) == nil, "\(place)")
        }
    }

    @Test("A process-only service with interrupts disabled is an interrupts-disabled violation")
    func processOnlyDisabled() {
        for p in Self.priorities where p != .INTBASE {
            #expect(Place.process(p).tracker.violationKind(allowed: .process) == .interruptsDisabled, "\(p)")
        }
    }

    @Test("Services allowed at a raised priority are legal with interrupts disabled, not at interrupt level")
    func raisedPriority() {
        let allowed: ServiceEnvironments = [.process, .processAtRaisedPriority]
        #expect(Place.process(.INTMAX).tracker.violationKind(allowed: allowed) == nil)
        #expect(Place.interrupt(.INTMAX).tracker.violationKind(allowed: allowed) == .interruptEnvironment)
    }

    @Test("Process code at INTBASE may call a process-only service")
    func processAtBase() {
        #expect(Place.process(.INTBASE).tracker.violationKind(allowed: .process) == nil)
    }

    // MARK: - The violation value

    @Test("check builds a violation naming the service, the state and the source")
    func violationValue() throws {
        let cpu = Place.interrupt(.INTTIMER).tracker
        let v = try #require(cpu.check(service: "vm_galloc", allowed: .process))
        #expect(v.service == "vm_galloc" && v.kind == .interruptEnvironment && v.allowed == .process)
        #expect(v.state.environment == .interrupt && v.state.priority == .INTTIMER)
        #expect(v.source == .timer(handler: "h"))
        #expect(v.message == "vm_galloc called in the interrupt environment at INTTIMER; it may be called from the process environment only")
        #expect(v.explanation.contains("timer handler h"))
        #expect(cpu.check(service: "printf", allowed: [.process, .interrupt]) == nil)
    }

    @Test("A violation with interrupts disabled names the priority")
    func disabledMessage() throws {
        let v = try #require(Place.process(.INTCLASS1).tracker.check(service: "xmalloc", allowed: .process))
        #expect(v.kind == .interruptsDisabled && v.source == nil)
        #expect(v.message == "xmalloc called with interrupts disabled (priority INTCLASS1, not INTBASE); it may be called from the process environment only")
        #expect(v.explanation.contains("after raising the priority with i_disable"))
    }

    @Test("Declarations are worded as AIX's reference pages word them")
    func wording() {
        #expect(ServiceEnvironments.process.aixWording == "process environment only")
        #expect(ServiceEnvironments([.process, .interrupt]).aixWording == "process or interrupt environment")
        #expect(ServiceEnvironments([.process, .interruptForSystemSpaceOnly]).aixWording
            == "process environment; interrupt environment only for system-space data")
        #expect(ServiceEnvironments([.process, .processAtRaisedPriority]).aixWording.hasPrefix("process environment only (also with interrupts disabled"))
        #expect(ServiceEnvironments().aixWording == "no environment")
    }
}
