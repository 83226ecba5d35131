/// Writes a shrunk stress sequence as a plain C kext that replays it through the same services
/// (`aixsim load FILE.c`): something to attach to a bug report.
///
/// Objects are numbered by the serials the run gave them; the kext checks what stress checked
/// where C can (contents read back, service results), prints what it finds and returns EFAULT.
public enum CKextWriter {
    public static func source(name: String, steps: [StressStep], violation: InvariantViolation?) -> String {
        let slots = (steps.compactMap(\.target) + steps.compactMap(\.heap)).max().map { $0 + 1 } ?? 1
        var objects = Objects()
        var body: [String] = []
        for step in steps {
            body.append(contentsOf: statements(step, &objects).map { "        " + $0 })
        }
        let interrupts = !objects.handlerCases.isEmpty
        let setup = interrupts ? [
            "pincode((int (*)())\(name)_entry);",
            "offl.handler = stress_offlevel;",
            "offl.priority = INTOFFL1;",
            "timer = talloc();",
            "timer->func = stress_timer;",
            "timer->ipri = INTTIMER;",
        ].map { "        " + $0 } : []
        let cleanup = (objects.cleanup() + (interrupts ? ["tfree(timer);", "unpincode((int (*)())\(name)_entry);"] : []))
            .map { "        " + $0 }
        return """
            /*
             * \(name): written by `aixsim stress` from a shrunk failing run.
             * Stress found: \(violation.map(\.description) ?? "no violation").
             * Replay: aixsim load \(name).c
             */
            #include <stdio.h>
            #include <sys/types.h>
            #include <sys/errno.h>
            #include <sys/malloc.h>
            #include <sys/vmuser.h>
            #include <sys/pin.h>
            #include <sys/intr.h>
            #include <sys/device.h>
            #include <sys/timer.h>

            #define SLOTS \(slots)
            static caddr_t block[SLOTS];   /* xmalloc blocks, by serial */
            static long bsize[SLOTS];
            static ulong region[SLOTS];    /* vm_galloc regions, by serial */
            static heapaddr_t heap[SLOTS]; /* private heaps, by serial */

            static void fillblock(int n, int fill)
            {
                long i;
                for (i = 0; i < bsize[n]; i++)
                    block[n][i] = (char)fill;
            }

            /* Nonzero when the block no longer holds the byte it was filled with. */
            static int differs(int n, int fill)
            {
                long i;
                for (i = 0; i < bsize[n]; i++)
                    if ((unsigned char)block[n][i] != fill) {
                        printf("block %d: byte %ld is 0x%x, stored 0x%x\\n", n, i, (unsigned char)block[n][i], fill);
                        return 1;
                    }
                return 0;
            }

            /* Checks each page's first byte still holds `was` (unless -1), then stores `fill` there. */
            static int touchregion(int n, long bytes, int was, int fill)
            {
                long off;
                for (off = 0; off < bytes; off += 4096) {
                    char *p = (char *)region[n] + off;
                    if (was >= 0 && (unsigned char)*p != was) {
                        printf("region %d: page +%ld holds 0x%x, stored 0x%x\\n", n, off, (unsigned char)*p, was);
                        return 1;
                    }
                    *p = (char)fill;
                }
                return 0;
            }

            int \(name)_entry(int cmd, struct uio *uiop);
            \(interrupts ? handlerSource(objects.handlerCases) : "")
            int \(name)_entry(int cmd, struct uio *uiop)
            {
                int old;
                (void)old;
                if (cmd == CFG_INIT) {
            \((setup + body).joined(separator: "\n"))
                    printf("\(name): sequence replayed without a visible failure\\n");
                } else if (cmd == CFG_TERM) {
            \(cleanup.joined(separator: "\n"))
                }
                return 0;
            }

            """
    }

    /// What earlier statements created: each block's heap expression, each region's size.
    struct Objects {
        var heaps: [Int: String] = [:]
        var regionBytes: [Int: Int] = [:]
        /// What is still live, oldest first, and each region's pins: freed at CFG_TERM.
        var blocks: [Int] = []
        var regions: [Int] = []
        var pins: [Int: [String]] = [:]
        /// The interrupt handler's work, one `case` per interrupt operation, numbered from 1.
        var handlerCases: [String] = []
        /// The byte each touched region's pages hold.
        var touched: [Int: Int] = [:]
        func heap(of n: Int) -> String { heaps[n] ?? "kernel_heap" }

        func cleanup() -> [String] {
            blocks.map { "xmfree(block[\($0)], \(heap(of: $0)));" }
                + regions.flatMap { r in
                    (pins[r] ?? []).map { "\($0 == "pin" ? "unpin" : "ltunpin")((void *)region[\(r)], \(bytes(of: r)));" }
                        + ["vm_gfree(region[\(r)], \(bytes(of: r)));"]
                }
        }
        func bytes(of n: Int) -> Int { regionBytes[n] ?? 4096 }
    }

    static func statements(_ step: StressStep, _ objects: inout Objects) -> [String] {
        guard let n = step.target else { return [] }
        // A store, load or touch the run refused because every frame was pinned.
        if step.result == -1, ["store", "load", "touch"].contains(step.operation.name) { return [] }
        switch step.operation {
        case .xmalloc(let heapChoice, let size, let align):
            let heapName: String = switch heapChoice {
            case .kernel: "kernel_heap"
            case .pinned: "pinned_heap"
            case .private: "(caddr_t)heap[\(step.heap ?? 0)]"
            }
            objects.heaps[n] = heapName
            objects.blocks.append(n)
            return ["block[\(n)] = xmalloc(\(size), \(align), \(heapName)); bsize[\(n)] = \(size);",
                    "if (!block[\(n)]) { printf(\"xmalloc for block \(n) returned NULL\\n\"); return ENOMEM; }"]
        case .xmfree:
            objects.blocks.removeAll { $0 == n }
            return ["if (xmfree(block[\(n)], \(objects.heap(of: n))) != 0) { printf(\"xmfree of block \(n) failed\\n\"); return EFAULT; }"]
        case .galloc(let pages):
            objects.regionBytes[n] = pages * 4096
            objects.regions.append(n)
            return ["if (vm_galloc(V_WORKING, \(pages * 4096), &region[\(n)]) != 0) return ENOMEM;"]
        case .gfree:
            objects.regions.removeAll { $0 == n }
            return ["vm_gfree(region[\(n)], \(objects.bytes(of: n)));"]
        case .initHeap(_, let pages):
            return ["heap[\(step.heap ?? n)] = init_heap((caddr_t)region[\(n)], \(pages * 4096), NULL);"]
        case .pin(_, let kind):
            objects.pins[n, default: []].append(kind == .shortTerm ? "pin" : "ltpin")
            return ["\(kind == .shortTerm ? "pin" : "ltpin")((void *)region[\(n)], \(objects.bytes(of: n)));"]
        case .unpin(_, let kind):
            let name = kind == .shortTerm ? "pin" : "ltpin"
            if let i = objects.pins[n]?.firstIndex(of: name) { objects.pins[n]?.remove(at: i) }
            return ["\(kind == .shortTerm ? "unpin" : "ltunpin")((void *)region[\(n)], \(objects.bytes(of: n)));"]
        case .store:
            return ["fillblock(\(n), 0x\(String(StressRunner.fill(of: n), radix: 16)));"]
        case .load:
            return ["if (differs(\(n), 0x\(String(StressRunner.fill(of: n), radix: 16)))) return EFAULT;"]
        case .disabledLoad:
            return ["old = i_disable(INTMAX);",
                    "if (differs(\(n), 0x\(String(StressRunner.fill(of: n), radix: 16)))) { i_enable(old); return EFAULT; }",
                    "i_enable(old);"]
        case .interrupt(let source, let work):
            return interrupt(source: source, work: work, n: n, &objects)
        case .touch:
            let fill = Int(StressRunner.fill(of: n))
            let was = objects.touched[n] ?? -1
            objects.touched[n] = fill
            return ["if (touchregion(\(n), \(objects.bytes(of: n)), \(was), \(fill))) return EFAULT;"]
        }
    }

    /// The handler's statements for `work`, kept as one `case` of the handler, and what
    /// CFG_INIT does to make the handler run: i_sched, i_sched under i_disable, or a timer.
    static func interrupt(source: StressInterruptSource, work: StressInterruptWork, n: Int,
                          _ objects: inout Objects) -> [String]
    {
        let k = objects.handlerCases.count + 1
        let fill = "0x" + String(StressRunner.fill(of: n), radix: 16)
        let action: String
        switch work {
        case .store: action = "fillblock(\(n), \(fill));"
        case .load: action = "if (differs(\(n), \(fill))) ifailed = 1;"
        case .unpin:
            if let i = objects.pins[n]?.firstIndex(of: "pin") { objects.pins[n]?.remove(at: i) }
            action = "if (unpin((void *)region[\(n)], \(objects.bytes(of: n))) != 0) ifailed = 1;"
        }
        objects.handlerCases.append("case \(k): \(action) break;")
        let check = ["if (pending != 0) { printf(\"the \(source.name) handler did not run\\n\"); return EFAULT; }",
                     "if (ifailed) return EFAULT;"]
        switch source {
        case .offLevel:
            return ["pending = \(k);", "i_sched(&offl);"] + check
        case .offLevelDeferred:
            return ["old = i_disable(INTMAX);", "pending = \(k);", "i_sched(&offl);",
                    "if (pending == 0) { printf(\"the off-level handler ran with interrupts disabled\\n\"); i_enable(old); return EFAULT; }",
                    "i_enable(old);"] + check
        case .timer:
            return ["pending = \(k);", "timer->timeout.it_value.tv_sec = 0;", "timer->timeout.it_value.tv_nsec = 0;",
                    "tstart(timer);", "delay(1);"] + check
        }
    }

    /// The off-level handler and the timer handler: both do the work CFG_INIT named in `pending`.
    static func handlerSource(_ cases: [String]) -> String {
        """
        static struct intr offl;        /* the off-level handler, for i_sched */
        static struct trb *timer;       /* the timer, from talloc */
        static volatile int pending;    /* which interrupt operation the handler does next */
        static volatile int ifailed;    /* a check in the handler failed */

        static void interrupt_work(void)
        {
            switch (pending) {
        \(cases.map { "    " + $0 }.joined(separator: "\n"))
            }
            pending = 0;
        }

        static int stress_offlevel(struct intr *i) { interrupt_work(); return INTR_SUCC; }
        static void stress_timer(struct trb *t) { interrupt_work(); }

        """
    }
}
