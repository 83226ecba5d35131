/// The plain explanation of a crash or finding kind, the AIX rule behind it and the fix: the
/// one text `aixsim explain KIND` prints and the reports end with.
public struct KindExplanation: Sendable {
    public let kind: String
    public let what: String
    public let rule: String
    public let fix: String

    public static func of(_ kind: Crash.Kind) -> KindExplanation { table[kind.rawValue] ?? unwritten(kind.rawValue) }
    public static func of(_ kind: Finding.Kind) -> KindExplanation { table[kind.rawValue] ?? unwritten(kind.rawValue) }

    /// A kind added without its entry still reports; a test requires every kind to have one.
    private static func unwritten(_ kind: String) -> KindExplanation {
        .init(kind: kind, what: "(no explanation written yet)", rule: "(none written)", fix: "(none written)")
    }
    public static func named(_ kind: String) -> KindExplanation? { table[kind] }

    /// Every kind, crashes first, in declaration order.
    public static var all: [KindExplanation] { entries }

    private static let table = Dictionary(uniqueKeysWithValues: entries.map { ($0.kind, $0) })

    private static let entries: [KindExplanation] = [
        .init(kind: Crash.Kind.dsi.rawValue,
              what: "A Data Storage Interrupt: the MMU found no valid translation (or no permission) for a load or store.",
              rule: "A DSI in kernel code with no setjmpx context to catch it halts AIX.",
              fix: "Touch only memory you allocated and still hold: check sizes, NULL returns, and pointers after vm_gfree/xmfree."),
        .init(kind: Crash.Kind.environmentViolation.rawValue,
              what: "A kernel service was called where it may not be: at interrupt level, or with interrupts disabled.",
              rule: "Each AIX service lists the environments it may be called from; breaking that list is a system crash.",
              fix: "Move the call to process level (off-level work, a timer that wakes a thread), or use the interrupt-safe service."),
        .init(kind: Crash.Kind.assert.rawValue,
              what: "An assert() in kernel code failed.",
              rule: "AIX's kernel assert halts the system when its condition is false.",
              fix: "Find why the asserted condition did not hold at that line."),
        .init(kind: Crash.Kind.panic.rawValue,
              what: "The kext called panic().",
              rule: "panic halts AIX with the message given.",
              fix: "Read the panic message and the source line it came from."),
        .init(kind: Crash.Kind.unhandledException.rawValue,
              what: "An exception was raised with no setjmpx context to catch it.",
              rule: "longjmpx with no saved context, or an exception outside any setjmpx, halts AIX.",
              fix: "Bracket code that may fault with setjmpx/clrjmpx, and call clrjmpx on every path out."),
        .init(kind: Crash.Kind.watchdog.rawValue,
              what: "The thread would wait forever: nothing left could wake it.",
              rule: "e_sleep waits for an e_wakeup on its event word; a wakeup with no sleeper is lost.",
              fix: "Make sure something (a timer, an interrupt handler) posts the word after the sleep starts."),
        .init(kind: Crash.Kind.pagingFailure.rawValue,
              what: "A page fault AIX allows could not be satisfied: no real memory frame or no paging slot.",
              rule: "A page fault the VMM cannot resolve in kernel code is a system crash.",
              fix: "Allocate less, free what you no longer need, or give the run more --real-memory or --paging-space."),
        .init(kind: Finding.Kind.leak.rawValue,
              what: "Global memory from vm_galloc was still allocated after CFG_TERM.",
              rule: "AIX never frees a kext's global memory for it; it is lost until reboot.",
              fix: "vm_gfree every region at CFG_TERM (and on CFG_INIT's error paths)."),
        .init(kind: Finding.Kind.termFailed.rawValue,
              what: "CFG_TERM returned non-zero.",
              rule: "AIX keeps a kext loaded whose CFG_TERM fails.",
              fix: "Return 0 from CFG_TERM once everything is released."),
        .init(kind: Finding.Kind.interruptHandler.rawValue,
              what: "An interrupt handler was still registered after CFG_TERM.",
              rule: "A handler left behind is called after the kext's code is gone.",
              fix: "i_clear every handler you i_init'd at CFG_TERM."),
        .init(kind: Finding.Kind.timerActive.rawValue,
              what: "A timer was still running after CFG_TERM.",
              rule: "A timer firing after unload runs code that is no longer there.",
              fix: "tstop and tfree every timer at CFG_TERM."),
        .init(kind: Finding.Kind.timeoutPending.rawValue,
              what: "A timeout was still pending after CFG_TERM.",
              rule: "A pending timeout calls the kext after it is unloaded.",
              fix: "untimeout every pending timeout at CFG_TERM."),
        .init(kind: Finding.Kind.freedWhilePinned.rawValue,
              what: "A region was freed while some of its pages were still pinned.",
              rule: "Pinned pages stay pinned for whoever gets them next; AIX expects unpin before free.",
              fix: "unpin (with the same address and length) before vm_gfree."),
        .init(kind: Finding.Kind.xmallocLeak.rawValue,
              what: "An xmalloc allocation was never given back with xmfree.",
              rule: "Heap memory a kext keeps after CFG_TERM is lost.",
              fix: "xmfree every allocation, to the heap it came from, before CFG_TERM returns."),
        .init(kind: Finding.Kind.xmallocDoubleFree.rawValue,
              what: "xmfree was called twice on the same allocation.",
              rule: "Once freed, memory belongs to the heap and may already be someone else's.",
              fix: "Set the pointer to NULL after xmfree and free it on one path only."),
        .init(kind: Finding.Kind.xmallocFreeOfUnallocated.rawValue,
              what: "xmfree was given an address xmalloc never returned (often a pointer into an allocation).",
              rule: "xmfree needs exactly the pointer xmalloc gave.",
              fix: "Keep the original pointer and free that."),
        .init(kind: Finding.Kind.xmallocWrongHeap.rawValue,
              what: "xmfree named a different heap than the allocation came from.",
              rule: "Memory must go back to the heap that gave it.",
              fix: "Free to the heap you allocated from (kernel_heap, pinned_heap or your own)."),
        .init(kind: Finding.Kind.xmallocUninitialisedHeap.rawValue,
              what: "A heap handle that init_heap never returned was used.",
              rule: "Only kernel_heap, pinned_heap and heaps from init_heap are heaps.",
              fix: "Create the heap with init_heap first, and pass the handle it returned."),
        .init(kind: Finding.Kind.xmallocFreeOfPinned.rawValue,
              what: "kernel_heap memory was freed while still pinned.",
              rule: "kernel_heap is pageable: memory pinned for a while must be unpinned before xmfree.",
              fix: "unpin before xmfree, or allocate from pinned_heap if it must stay pinned."),
        .init(kind: Finding.Kind.xmallocWriteAfterFree.rawValue,
              what: "A freed block was written to after xmfree (its free-fill poison changed).",
              rule: "Freed memory belongs to the heap; writing to it corrupts someone else's data.",
              fix: "Stop using the pointer at xmfree: clear it, and check the code that still holds a copy."),
        .init(kind: Finding.Kind.xmallocOverrun.rawValue,
              what: "A block was written beyond its end (its trailer changed).",
              rule: "Writing past an allocation corrupts the next block or the heap's own data.",
              fix: "Check the sizes: allocate what you write, including a string's terminating NUL."),
    ]
}
