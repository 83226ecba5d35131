#include "aixsim_guard.h"
#include "aixsim_decode.h"

#include <dlfcn.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <stddef.h>
#include <errno.h>
#include <execinfo.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

/*
 * One frame per active guard on this thread, innermost first. A frame either allows the
 * handler to jump back (guarded kext code, guarded C helpers) or, while a Swift service runs
 * on behalf of the kext, forbids it: a fault there must crash aixsim, loudly.
 */
struct aixsim_guard_frame {
    /* First, where the service scope inlined into the thunks (aixsim_guard.h) finds it. */
    struct aixsim_guard_frame_head head;
    sigjmp_buf context;
    struct aixsim_guard_frame *outer;
    struct aixsim_fault *fault;
    void *labels;                        /* this level's setjmpx contexts, most recent first */
};

/* label_t as <sys/types.h> lays it out (AIX's <sys/m_types.h>): prev, iar (the kext's resume
   function), stack, toc, cr, intpri, reg[19]. Kept in step by the assertions below. */
struct label_view {
    void *prev;
    void (*resume)(void *label);
    unsigned long stack, toc, cr;
    unsigned long intpri;
    unsigned long reg[19];
};
_Static_assert(sizeof(struct label_view) == 200, "label_t is 200 bytes in the 64-bit kernel");
_Static_assert(offsetof(struct label_view, resume) == 8, "label_t.iar");
_Static_assert(offsetof(struct label_view, intpri) == 40, "label_t.intpri");
_Static_assert(offsetof(struct label_view, reg) == 48, "label_t.reg");
/* __builtin_setjmp's five words come first in reg[], then the code word. */
_Static_assert(AIXSIM_LABEL_CODE_WORD >= 5 && AIXSIM_LABEL_CODE_WORD < 19, "code word inside reg[]");

#define MAX_DELIVERIES 16
static __thread struct aixsim_delivery deliveries[MAX_DELIVERIES];
__thread int aixsim_guard_delivery_count;
#define delivery_count aixsim_guard_delivery_count
static __thread void *pending_resume;
static int delivery_code = 262;          /* EXCEPT_DSI, for a fault nobody classifies */
__thread struct aixsim_guard_frame *aixsim_guard_current_frame;
#define current_frame aixsim_guard_current_frame
static __thread int altstack_ready;

static struct sigaction previous_segv, previous_bus, previous_trap[32];
/* Set while the handler reads or writes a setjmpx label in kext memory: a fault then means the
   label is corrupt, and must end the call instead of re-entering the handler forever. */
static __thread volatile int touching_label;
unsigned long aixsim_guard_activity;     /* kernel-service calls, for the watchdog */
#define activity aixsim_guard_activity
static int watchdog_fired;               /* tells the handler its SIGALRM is the watchdog's */
/* Set by every VMM to the same two functions; read by the handler. */
static aixsim_fault_resolver fault_resolver;
static aixsim_delivery_filter delivery_filter;
static aixsim_exception_classifier exception_classifier;

static void chain(int sig, siginfo_t *info, void *uctx)
{
    struct sigaction *prev = sig == SIGSEGV ? &previous_segv
        : sig == SIGBUS ? &previous_bus : &previous_trap[sig & 31];
    if (prev->sa_flags & SA_SIGINFO) {
        if (prev->sa_sigaction) {
            prev->sa_sigaction(sig, info, uctx);
            return;
        }
    } else if (prev->sa_handler != SIG_IGN && prev->sa_handler != SIG_DFL) {
        prev->sa_handler(sig);
        return;
    }
    /* No previous handler: restore the default and let the fault happen again. */
    signal(sig, SIG_DFL);
}

/* Fills the fault record from what the kernel told the handler. */
static void describe(struct aixsim_fault *fault, int sig, siginfo_t *info, ucontext_t *uc)
{
    fault->signal = sig;
    fault->code = info->si_code;
    fault->address = (uintptr_t)info->si_addr;
    /* si_code <= 0: kill, tgkill, sigqueue. SI_KERNEL on SIGSEGV: a general-protection fault,
       whose si_addr is always 0 whatever the instruction addressed. */
    fault->sent = info->si_code <= 0;
    fault->sender_pid = fault->sent ? (int)info->si_pid : 0;
    fault->address_known = !fault->sent && !(sig == SIGSEGV && info->si_code == SI_KERNEL)
        && (sig == SIGSEGV || sig == SIGBUS);
#if defined(SIGSYS) && defined(__x86_64__)
    if (sig == SIGSYS)
        fault->syscall = info->si_syscall;
#endif
#if defined(__x86_64__)
    fault->pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    /* Bit 1 of the x86 page-fault error code is set for writes; only a page fault has one. */
    fault->is_write = fault->address_known && (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    if (!fault->sent && !fault->address_known && (sig == SIGSEGV || sig == SIGBUS)) {
        uintptr_t decoded;
        int stores;
        if (aixsim_decode_access(uc, &decoded, &stores)) {
            fault->address = decoded;
            fault->is_write = stores;
            fault->address_known = 1;
            fault->address_decoded = 1;
        }
    }
#else
    (void)uc;
    fault->pc = 0;
    fault->is_write = 0;
#endif
}

/* Follows the frame-pointer chain from rbp, each link [rbp] = caller's rbp, [rbp+8] = return
   address, reading only words in [sp, top): live stack, so the reads cannot fault. */
static void save_callers(struct aixsim_fault *fault, uintptr_t rbp, uintptr_t sp, uintptr_t top)
{
    fault->stack_count = 0;
    while ((sp & 7) == 0 && fault->stack_count < AIXSIM_FAULT_STACK_WORDS
           && sp + 8 * (fault->stack_count + 1) <= top) {
        fault->stack[fault->stack_count] = ((const uintptr_t *)sp)[fault->stack_count];
        fault->stack_count++;
    }
    fault->caller_count = 0;
    while (fault->caller_count < AIXSIM_FAULT_CALLERS && rbp >= sp && rbp + 16 <= top && (rbp & 7) == 0) {
        const uintptr_t *link = (const uintptr_t *)rbp;
        fault->callers[fault->caller_count++] = link[1];
        if (link[0] <= rbp)
            break;
        rbp = link[0];
    }
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
    ucontext_t *uc = uctx;
    struct aixsim_guard_frame *frame = current_frame;
    if (touching_label && frame != NULL) {
        /* The label the kext left is unreadable or unwritable: end the call with the fault
           record as it was, marked, rather than fault here again. */
        touching_label = 0;
        frame->fault->bad_label = 1;
        siglongjmp(frame->context, 1);
    }
#if defined(__x86_64__)
    int is_store = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    int is_store = 0;
#endif
    /* A page fault the VMM allows (first touch, first store, page-in) is resolved in place and
       the instruction restarts, whoever touched the page: kext code, a C helper, or a Swift
       service reading kext memory. Only what the page-state table refuses goes on. A signal
       sent with kill or a general-protection fault is no page fault. */
    int page_fault = info->si_code > 0 && info->si_code != SI_KERNEL;
    aixsim_fault_resolver resolve = __atomic_load_n(&fault_resolver, __ATOMIC_ACQUIRE);
    if (sig == SIGSEGV && page_fault && resolve != NULL && resolve((uintptr_t)info->si_addr, is_store) == 1)
        return;
    if (frame == NULL || frame->head.in_service) {
        chain(sig, info, uctx);
        return;
    }
    struct aixsim_fault *fault = frame->fault;
    describe(fault, sig, info, uc);
#if defined(__x86_64__)
    fault->frame = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    save_callers(fault, fault->frame, (uintptr_t)uc->uc_mcontext.gregs[REG_RSP], (uintptr_t)frame);
#else
    fault->frame = 0;
    fault->caller_count = 0;
    fault->stack_count = 0;
#endif
    struct label_view *label = frame->labels;
    aixsim_delivery_filter may_deliver = __atomic_load_n(&delivery_filter, __ATOMIC_ACQUIRE);
    int deliverable = page_fault && fault->address_known
        && (may_deliver == NULL || may_deliver(fault->address));
    if (label != NULL && deliverable && delivery_count < MAX_DELIVERIES
        && ((uintptr_t)label & 7) == 0) {
        aixsim_exception_classifier classify = __atomic_load_n(&exception_classifier, __ATOMIC_ACQUIRE);
        int access_error = sig == SIGSEGV && info->si_code == SEGV_ACCERR;
        int code = classify != NULL ? classify(fault->address, access_error) : delivery_code;
        touching_label = 1;
        void (*resume)(void *) = label->resume;
        long saved_priority = (long)label->intpri;
        void *prev = label->prev;
        if (resume != NULL)
            label->reg[AIXSIM_LABEL_CODE_WORD] = (unsigned long)code;
        touching_label = 0;
        if (resume != NULL) {
            struct aixsim_delivery *d = &deliveries[delivery_count++];
            d->fault = *fault;
            d->label = label;
            d->code = code;
            d->saved_priority = saved_priority;
            frame->labels = prev;
            resume(label);               /* jumps into the kext's setjmpx; does not return */
        }
    }
    siglongjmp(frame->context, 1);
}

/* SIGILL, SIGFPE, SIGTRAP, SIGSYS and the watchdog's SIGALRM: in kext code the call ends with
   the record; elsewhere the watchdog's signal is dropped and the others go to the previous
   handler (aixsim's own bug, reported by the supervisor). */
static void on_trap(int sig, siginfo_t *info, void *uctx)
{
    struct aixsim_guard_frame *frame = current_frame;
    if (frame == NULL || frame->head.in_service) {
        if (sig != AIXSIM_WATCHDOG_SIGNAL)
            chain(sig, info, uctx);
        return;
    }
    describe(frame->fault, sig, info, uctx);
    if (sig == AIXSIM_WATCHDOG_SIGNAL && __atomic_exchange_n(&watchdog_fired, 0, __ATOMIC_ACQ_REL))
        frame->fault->sent = 0;
    siglongjmp(frame->context, 1);
}

static const int trap_signals[] = { SIGILL, SIGFPE, SIGTRAP, SIGSYS, AIXSIM_WATCHDOG_SIGNAL };

int aixsim_guard_install(void)
{
    static int installed;
    if (!altstack_ready) {
        stack_t ss = {0};
        ss.ss_size = 64 * 1024;
        ss.ss_sp = malloc(ss.ss_size);
        if (ss.ss_sp == NULL)
            return -1;
        if (sigaltstack(&ss, NULL) != 0)
            return -1;
        altstack_ready = 1;
    }
    if (__atomic_exchange_n(&installed, 1, __ATOMIC_ACQ_REL))
        return 0;
    struct sigaction sa = {0};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &previous_segv) != 0)
        return -1;
    if (sigaction(SIGBUS, &sa, &previous_bus) != 0)
        return -1;
    sa.sa_sigaction = on_trap;
    /* The watchdog may interrupt a system call of aixsim's own (waiting for the compiler). */
    sa.sa_flags |= SA_RESTART;
    for (size_t i = 0; i < sizeof trap_signals / sizeof trap_signals[0]; i++)
        if (sigaction(trap_signals[i], &sa, &previous_trap[trap_signals[i] & 31]) != 0)
            return -1;
    return 0;
}

/* Signals the handler jumped out of stay blocked unless unblocked: SA_NODEFER avoids that,
   but a sigsetjmp(…, 0) context does not restore the mask, so unblock explicitly after a jump. */
static void unblock_fault_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGBUS);
    for (size_t i = 0; i < sizeof trap_signals / sizeof trap_signals[0]; i++)
        sigaddset(&set, trap_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

enum aixsim_guard_outcome aixsim_guarded_invoke(void (*body)(void *context), void *context,
                                                struct aixsim_fault *fault)
{
    struct aixsim_guard_frame frame;
    frame.outer = current_frame;
    frame.fault = fault;
    frame.head.in_service = 0;
    frame.labels = NULL;
    memset(fault, 0, sizeof *fault);
    int jumped = sigsetjmp(frame.context, 0);
    if (jumped == 0) {
        current_frame = &frame;
        body(context);
        current_frame = frame.outer;
        return AIXSIM_GUARD_RETURNED;
    }
    current_frame = frame.outer;
    if (jumped == 1)
        unblock_fault_signals();
    return jumped == 1 ? AIXSIM_GUARD_FAULTED : AIXSIM_GUARD_ABANDONED;
}

void aixsim_set_fault_hooks(aixsim_fault_resolver resolve, aixsim_delivery_filter may_deliver)
{
    __atomic_store_n(&fault_resolver, resolve, __ATOMIC_RELEASE);
    __atomic_store_n(&delivery_filter, may_deliver, __ATOMIC_RELEASE);
}

/* The watchdog only asks whether the count moved since it last looked, so a relaxed load and
   store do: no locked read-modify-write on every service call. Kernels on other threads may
   race on it and lose an increment, but a lost one still moves the count, and a thread that
   keeps calling moves it again before the watchdog's next look. */
static inline void note_activity(void)
{
    __atomic_store_n(&activity, __atomic_load_n(&activity, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

void aixsim_note_activity(void)
{
    note_activity();
}

struct aixsim_service_scope aixsim_service_begin(void)
{
    note_activity();
    struct aixsim_guard_frame *frame = current_frame;
    struct aixsim_service_scope scope = { frame, frame ? frame->head.in_service : 0 };
    if (frame)
        frame->head.in_service = 1;
    return scope;
}

void aixsim_service_end(struct aixsim_service_scope scope, int action)
{
    struct aixsim_guard_frame *frame = scope.frame;
    if (frame)
        frame->head.in_service = scope.was_in_service;
    /* The Swift service has returned: only C, libffi and kext frames lie between here and the
       guard's context (or the kext's setjmpx), so the jump skips nothing that needs unwinding. */
    if (action == AIXSIM_SERVICE_RESUME && pending_resume != NULL) {
        struct label_view *label = pending_resume;
        pending_resume = NULL;
        label->resume(label);
    }
    if (action != AIXSIM_SERVICE_RETURN && frame)
        siglongjmp(frame->context, 2);
}

int aixsim_service_run(aixsim_service_entry entry, struct aixsim_service_call *call)
{
    return aixsim_service_run_inline(entry, call);
}

void aixsim_jmpx_push(void *label)
{
    struct aixsim_guard_frame *frame = current_frame;
    if (frame == NULL)
        return;
    ((struct label_view *)label)->prev = frame->labels;
    frame->labels = label;
}

void *aixsim_jmpx_top(void)
{
    return current_frame ? current_frame->labels : NULL;
}

void aixsim_jmpx_pop(void)
{
    struct aixsim_guard_frame *frame = current_frame;
    if (frame && frame->labels)
        frame->labels = ((struct label_view *)frame->labels)->prev;
}

void aixsim_request_resume(void *label)
{
    pending_resume = label;
}

void aixsim_set_delivery_code(int code)
{
    delivery_code = code;
}

void aixsim_set_exception_classifier(aixsim_exception_classifier classify)
{
    __atomic_store_n(&exception_classifier, classify, __ATOMIC_RELEASE);
}

int aixsim_deliveries_pending(void)
{
    return delivery_count;
}

int aixsim_take_deliveries(struct aixsim_delivery *out, int max)
{
    int n = delivery_count < max ? delivery_count : max;
    memcpy(out, deliveries, (size_t)n * sizeof *out);
    delivery_count = 0;
    return n;
}

/* Runs one C operation under a nested guard frame that allows jumping back. */
#define GUARDED(fault, body)                                \
    do {                                                    \
        struct aixsim_guard_frame frame;                           \
        frame.outer = current_frame;                        \
        frame.fault = (fault);                              \
        frame.head.in_service = 0;                               \
        frame.labels = NULL;                                \
        memset((fault), 0, sizeof *(fault));                \
        if (sigsetjmp(frame.context, 0) == 0) {             \
            current_frame = &frame;                         \
            /* The barriers keep the optimiser from dropping  \
               the frame around an inline body (a store). */ \
            __asm__ volatile("" ::: "memory");              \
            body;                                           \
            __asm__ volatile("" ::: "memory");              \
            current_frame = frame.outer;                    \
            return 0;                                       \
        }                                                   \
        current_frame = frame.outer;                        \
        unblock_fault_signals();                            \
        return 1;                                           \
    } while (0)

int aixsim_guarded_copy(void *dst, const void *src, size_t n, struct aixsim_fault *fault)
{
    GUARDED(fault, memmove(dst, src, n));
}

int aixsim_guarded_store_ulong(unsigned long *dst, unsigned long value, struct aixsim_fault *fault)
{
    GUARDED(fault, *(volatile unsigned long *)dst = value);
}

static void copy_string(char *dst, const char *src, size_t size)
{
    size_t i = 0;
    for (; i + 1 < size && src[i] != 0; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

int aixsim_guarded_copy_string(char *dst, const char *src, size_t size, struct aixsim_fault *fault)
{
    dst[0] = 0;
    GUARDED(fault, copy_string(dst, src, size));
}

int aixsim_guarded_vformat(char *buf, size_t size, const char *format, void *ap,
                           int *length, struct aixsim_fault *fault)
{
#if defined(__x86_64__)
    /* On x86-64 a va_list argument arrives as a pointer to its __va_list_tag, which is what
       vsnprintf takes: the void pointer converts implicitly. */
    GUARDED(fault, *length = vsnprintf(buf, size, format, ap));
#else
#error "aixsim's printf service needs the va_list convention of this architecture"
#endif
}

int aixsim_symbolize(uintptr_t pc, const char **object, uintptr_t *object_base,
                     const char **symbol, uintptr_t *symbol_address)
{
    Dl_info info;
    if (dladdr((void *)pc, &info) == 0)
        return 0;
    *object = info.dli_fname;
    *object_base = (uintptr_t)info.dli_fbase;
    *symbol = info.dli_sname;
    *symbol_address = (uintptr_t)info.dli_saddr;
    return 1;
}

int aixsim_backtrace(void **buffer, int size)
{
    return backtrace(buffer, size);
}

struct watchdog {
    pthread_t target;
    unsigned milliseconds;
};
static struct watchdog watchdog;

static void *watch(void *unused)
{
    (void)unused;
    unsigned long seen = __atomic_load_n(&activity, __ATOMIC_RELAXED);
    unsigned quiet = 0;
    for (;;) {
        struct timespec slice = { 0, 20 * 1000 * 1000 };
        nanosleep(&slice, NULL);
        unsigned limit = __atomic_load_n(&watchdog.milliseconds, __ATOMIC_RELAXED);
        unsigned long now = __atomic_load_n(&activity, __ATOMIC_RELAXED);
        if (now != seen || limit == 0) {
            seen = now;
            quiet = 0;
            continue;
        }
        quiet += 20;
        if (quiet >= limit) {
            quiet = 0;
            __atomic_store_n(&watchdog_fired, 1, __ATOMIC_RELEASE);
            pthread_kill(watchdog.target, AIXSIM_WATCHDOG_SIGNAL);
        }
    }
    return NULL;
}

int aixsim_watchdog_start(unsigned milliseconds)
{
    static int started;
    __atomic_store_n(&watchdog.milliseconds, milliseconds, __ATOMIC_RELAXED);
    if (milliseconds == 0 || __atomic_exchange_n(&started, 1, __ATOMIC_ACQ_REL))
        return 0;
    if (aixsim_guard_install() != 0)
        return -1;
    watchdog.target = pthread_self();
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The watchdog never takes the signals it sends, nor any other. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&thread, &attr, watch, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return rc == 0 ? 0 : -1;
}

struct dl_call {
    const char *path;
    int flags;
    void *handle;
    int result;
};

static void run_dlopen(void *context)
{
    struct dl_call *call = context;
    call->handle = dlopen(call->path, call->flags);
}

static void run_dlclose(void *context)
{
    struct dl_call *call = context;
    call->result = dlclose(call->handle);
}

/* The dynamic loader's lock is recursive and owned by this thread, so a jump out of a kext's
   constructor leaves it usable here (dladdr, a later dlopen) for the rest of the run. */
enum aixsim_guard_outcome aixsim_guarded_dlopen(const char *path, int flags, void **handle,
                                                struct aixsim_fault *fault)
{
    if (aixsim_guard_install() != 0)
        return AIXSIM_GUARD_ABANDONED;
    struct dl_call call = { path, flags, NULL, 0 };
    enum aixsim_guard_outcome outcome = aixsim_guarded_invoke(run_dlopen, &call, fault);
    *handle = call.handle;
    return outcome;
}

enum aixsim_guard_outcome aixsim_guarded_dlclose(void *handle, struct aixsim_fault *fault)
{
    if (aixsim_guard_install() != 0)
        return AIXSIM_GUARD_ABANDONED;
    struct dl_call call = { NULL, 0, handle, 0 };
    return aixsim_guarded_invoke(run_dlclose, &call, fault);
}
