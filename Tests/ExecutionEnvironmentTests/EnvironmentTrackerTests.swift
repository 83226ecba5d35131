import Testing
@testable import ExecutionEnvironment

@Suite("EnvironmentTracker: priorities and interrupt levels")
struct EnvironmentTrackerTests {
    @Test("The CPU starts in the process environment at INTBASE, where it may page-fault")
    func start() {
        let cpu = EnvironmentTracker()
        #expect(cpu.environment == .process && cpu.priority == .INTBASE)
        #expect(cpu.levels.count == 1 && cpu.source == nil)
        #expect(cpu.mayPageFault)
    }

    @Test("i_disable returns the old priority, raises, and never lowers")
    func disable() {
        var cpu = EnvironmentTracker()
        #expect(cpu.disable(to: .INTCLASS1) == .INTBASE)
        #expect(cpu.priority == .INTCLASS1)
        #expect(cpu.disable(to: .INTTIMER) == .INTCLASS1, "a less favoured request leaves it raised")
        #expect(cpu.priority == .INTCLASS1)
        #expect(cpu.disable(to: .INTMAX) == .INTCLASS1)
        #expect(cpu.priority == .INTMAX)
        #expect(!cpu.mayPageFault, "raised above INTBASE, no page faults")
    }

    @Test("i_enable restores what i_disable returned")
    func enable() {
        var cpu = EnvironmentTracker()
        let old = cpu.disable(to: .INTMAX)
        cpu.enable(old)
        #expect(cpu.priority == .INTBASE && cpu.mayPageFault)
    }

    @Test("An interrupt level pushes a level with its source and priority; leaving pops it")
    func interruptLevels() {
        var cpu = EnvironmentTracker()
        cpu.enterInterrupt(.timer(handler: "tick"), at: .INTTIMER)
        #expect(cpu.environment == .interrupt && cpu.priority == .INTTIMER)
        #expect(cpu.source == .timer(handler: "tick") && cpu.levels.count == 2)
        #expect(!cpu.mayPageFault, "the interrupt environment never page-faults")
        cpu.enterInterrupt(.device(level: 3, handler: "dev"), at: .INTCLASS2)
        #expect(cpu.current.entryPriority == .INTCLASS2 && cpu.source == .device(level: 3, handler: "dev"))
        #expect(cpu.leaveInterrupt() == nil)
        #expect(cpu.environment == .interrupt && cpu.priority == .INTTIMER, "back on the timer's level")
        #expect(cpu.leaveInterrupt() == nil)
        #expect(cpu.environment == .process && cpu.priority == .INTBASE && cpu.source == nil)
    }

    @Test("Leaving a level at another priority than it was entered at names that priority")
    func leaveRaised() {
        var cpu = EnvironmentTracker()
        cpu.enterInterrupt(.offLevel(handler: "off"), at: .INTOFFL1)
        _ = cpu.disable(to: .INTMAX)
        #expect(cpu.leaveInterrupt() == .INTMAX)
        #expect(cpu.priority == .INTBASE, "the process level's priority is untouched")
    }

    @Test("A priority change at interrupt level stays on that level")
    func perLevelPriority() {
        var cpu = EnvironmentTracker()
        _ = cpu.disable(to: .INTCLASS3)
        cpu.enterInterrupt(.timeout(handler: "t"), at: .INTTIMER)
        #expect(cpu.disable(to: .INTCLASS0) == .INTTIMER)
        _ = cpu.leaveInterrupt()
        #expect(cpu.priority == .INTCLASS3)
    }

    @Test("restore sets the priority a setjmpx saved, even a less favoured one")
    func restore() {
        var cpu = EnvironmentTracker()
        _ = cpu.disable(to: .INTMAX)
        cpu.restore(.INTCLASS2)
        #expect(cpu.priority == .INTCLASS2)
    }

    @Test("Interrupt sources describe themselves and name their handler")
    func sources() {
        let all: [(InterruptSource, String)] = [
            (.device(level: 4, handler: "a"), "device interrupt on level 4, handler a"),
            (.offLevel(handler: "b"), "off-level handler b, scheduled with i_sched"),
            (.timer(handler: "c"), "timer handler c, started with tstart"),
            (.timeout(handler: "d"), "timeout function d, scheduled with timeout"),
        ]
        for (source, text) in all { #expect(source.description == text) }
        #expect(all.map(\.0.handler) == ["a", "b", "c", "d"])
    }
}
