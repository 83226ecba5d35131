/*
 * The fault guard: runs kext code so that a memory fault it causes becomes a report instead of
 * killing aixsim.
 *
 * A guarded call saves a sigsetjmp context and runs a body (the kext call, made by the libffi
 * layer in CKextCall, or a C helper below). If the body faults, the SIGSEGV/SIGBUS handler
 * records the fault and jumps back to that context. Only C and kext frames lie between the
 * handler and the context: while a kernel service written in Swift runs, the guard is "in
 * service" and a fault there is an aixsim bug, handed to the previous handler (the Swift
 * runtime's crash reporter).
 *
 * A service that must abandon the kext's call (a simulated system crash) says so in its return
 * value; the caller of the service ends its service scope with that action, and the jump happens
 * after the Swift service has returned, so no Swift frame is ever skipped.
 *
 * The guard knows nothing of the VMM: the VMM registers two hooks (aixsim_set_fault_hooks), one
 * that resolves page faults in place and one that says which faults must never reach a setjmpx
 * context. The guard owns no state of the VMM's.
 */
#ifndef AIXSIM_GUARD_H
#define AIXSIM_GUARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "aixsim_decode.h"

/* How a guarded call ended. */
enum aixsim_guard_outcome {
    AIXSIM_GUARD_RETURNED = 0,   /* the function returned normally */
    AIXSIM_GUARD_FAULTED = 1,    /* a memory fault in guarded code; see the fault record */
    AIXSIM_GUARD_ABANDONED = 2,  /* a kernel service abandoned the call (simulated crash) */
};

enum { AIXSIM_FAULT_CALLERS = 16, AIXSIM_FAULT_STACK_WORDS = 8 };

/* What the signal handler saw. */
struct aixsim_fault {
    int signal;          /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, or SIGALRM (watchdog) */
    int code;            /* si_code: SEGV_MAPERR, SEGV_ACCERR, SI_KERNEL, ILL_ILLOPN, ... */
    uintptr_t address;   /* the faulting data address (si_addr); see address_known */
    uintptr_t pc;        /* the instruction that faulted */
    int is_write;        /* 1 for a store, 0 for a load (x86-64 page-fault error code) */
    /* 0 when the host could not say which address faulted: a general-protection fault
       (non-canonical address, misaligned vector access) reports si_addr 0 with SI_KERNEL. */
    int address_known;
    /* 1 when the host gave no address and `address`/`is_write` were decoded from the faulting
       instruction and the saved registers instead. */
    int address_decoded;
    /* For a signal sent with kill/tgkill: the sending process (this one when the kext sent it). */
    int sender_pid;
    /* 1 when the signal came from kill/tgkill (si_code <= 0), not from an instruction. */
    int sent;
    int syscall;         /* for SIGSYS: the system call the sandbox refused */
    /* 1 when the handler faulted reading a setjmpx label the kext left (a corrupt label). */
    int bad_label;
    uintptr_t frame;     /* the frame pointer (rbp) at the fault; 0 when unknown */
    /* The return addresses of the frame-pointer chain from `frame` outwards (kexts are built
       with -fno-omit-frame-pointer), innermost first: read by the handler, because once the
       guard has jumped back the dead stack below it is reused. Only links inside the live
       stack between the fault and the guard are followed, so a kext's garbage rbp is never
       dereferenced. Whoever reads them keeps the ones that lie in kext code. */
    uintptr_t callers[AIXSIM_FAULT_CALLERS];
    int caller_count;
    /* The first words at the stack pointer: a leaf function compiled without a frame (GCC
       omits it whatever the flags) leaves its return address here, not in the chain. */
    uintptr_t stack[AIXSIM_FAULT_STACK_WORDS];
    int stack_count;
};

/* The trap signals besides SIGSEGV/SIGBUS that the guard turns into reports when kext code
   raises them, and the watchdog's timer signal. */
enum { AIXSIM_WATCHDOG_SIGNAL = 14 /* SIGALRM */ };

/* Counts kernel-service calls (cheap; the watchdog reads it from its own thread). */
void aixsim_note_activity(void);
/* Starts (once) a host thread that, when no kernel service has been called for `milliseconds`,
   interrupts the thread running kext code with AIXSIM_WATCHDOG_SIGNAL: in kext code the call
   ends as AIXSIM_GUARD_FAULTED with that signal; elsewhere it is ignored and the supervisor's
   own deadline applies. 0 stops watching. */
int aixsim_watchdog_start(unsigned milliseconds);

/* dlopen/dlclose under the guard, since they run the kext's constructors/destructors.
   Return AIXSIM_GUARD_RETURNED (with *handle / the dlclose result) or FAULTED. */
enum aixsim_guard_outcome aixsim_guarded_dlopen(const char *path, int flags, void **handle,
                                                struct aixsim_fault *fault);
enum aixsim_guard_outcome aixsim_guarded_dlclose(void *handle, struct aixsim_fault *fault);

/* Installs the SIGSEGV/SIGBUS handlers once per process, and an alternate signal stack for
   the calling thread. Returns 0, or -1 with errno. */
int aixsim_guard_install(void);

/* Runs body(context) under the guard. The libffi layer (CKextCall) calls kexts through it. */
enum aixsim_guard_outcome aixsim_guarded_invoke(void (*body)(void *context), void *context,
                                                struct aixsim_fault *fault);

/* What a kernel service asks of the kext's call once it has returned. */
enum aixsim_service_action {
    AIXSIM_SERVICE_RETURN = 0,    /* return to the kext normally */
    AIXSIM_SERVICE_ABANDON = 1,   /* abandon the kext's call (simulated crash) */
    AIXSIM_SERVICE_RESUME = 2,    /* resume the context passed to aixsim_request_resume (longjmpx) */
};

/* Brackets a kernel service run on behalf of guarded code: between begin and end a fault is an
   aixsim bug, not the kext's. End restores the guard and performs the action: for ABANDON or
   RESUME inside a guarded call it does not return. */
struct aixsim_service_scope {
    void *frame;
    int was_in_service;
};
struct aixsim_service_scope aixsim_service_begin(void);
void aixsim_service_end(struct aixsim_service_scope scope, int action);
/* One kernel-service call from a kext's table, as the C thunk the table points at fills it
   (CKextCall) and the kernel's one entry reads it. */
struct aixsim_service_call {
    uint32_t index;              /* export-list index */
    uint32_t count;              /* arguments in `arguments` */
    const void *kernel;          /* the innermost invocation's kernel (unretained), or NULL */
    long kext;                   /* the innermost invocation's kext id, or -1 */
    uintptr_t return_address;    /* where the service returns to: the calling instruction's end */
    uint64_t arguments[6];       /* each widened as the x86-64 ABI widens it */
    int64_t result;
    int deliveries_pending;      /* set by aixsim_service_run: exceptions queued for delivery */
};
/* The kernel's entry: stores the service's result in `result` and returns an
   aixsim_service_action. */
typedef int (*aixsim_service_entry)(struct aixsim_service_call *call);
/* begin, entry(call), end in one call: the typed service path's whole scope, the two halves
   inlined into it. Returns the service's action when end returns. */
int aixsim_service_run(aixsim_service_entry entry, struct aixsim_service_call *call);

/* The same scope inlined, for the typed service thunks (CKextCall): the call they make on every
   kernel-service call is the kernel's entry, not a call into the guard around it. It reads the
   guard's own per-thread state, exported for this alone; only the rare end (a resume, or the
   jump that abandons the kext's call) stays out of line. Hidden from Swift, which never runs a
   scope itself and would not import thread-local variables anyway. */
#ifndef __swift__
struct aixsim_guard_frame;
/* The start of every guard frame. */
struct aixsim_guard_frame_head {
    volatile int in_service;     /* a fault now is aixsim's, not the kext's */
};
extern __thread struct aixsim_guard_frame *aixsim_guard_current_frame;
extern __thread int aixsim_guard_delivery_count;
extern unsigned long aixsim_guard_activity;

static inline __attribute__((always_inline)) int aixsim_service_run_inline(aixsim_service_entry entry,
                                                                          struct aixsim_service_call *call)
{
    /* Relaxed, as aixsim_note_activity (guard.c says why that is enough for the watchdog). */
    __atomic_store_n(&aixsim_guard_activity, __atomic_load_n(&aixsim_guard_activity, __ATOMIC_RELAXED) + 1,
                     __ATOMIC_RELAXED);
    struct aixsim_guard_frame *frame = aixsim_guard_current_frame;
    struct aixsim_guard_frame_head *head = (struct aixsim_guard_frame_head *)frame;
    struct aixsim_service_scope scope = { frame, head ? head->in_service : 0 };
    if (head)
        head->in_service = 1;
    call->deliveries_pending = aixsim_guard_delivery_count;
    int action = entry(call);
    if (head)
        head->in_service = scope.was_in_service;
    if (action != AIXSIM_SERVICE_RETURN)
        aixsim_service_end(scope, action);
    return action;
}
#endif

/* The VMM's hooks, called from the signal handler (so async-signal-safe, and never Swift).
   resolve: 1 if the fault at `address` was resolved in place (the instruction restarts).
   may_deliver: 0 if a fault at `address` must never be delivered to a setjmpx context (a
   V_SYSTEM area, or global memory while page faults are not allowed): it is a crash. */
typedef int (*aixsim_fault_resolver)(uintptr_t address, int is_store);
typedef int (*aixsim_delivery_filter)(uintptr_t address);
void aixsim_set_fault_hooks(aixsim_fault_resolver resolve, aixsim_delivery_filter may_deliver);

/* Guarded memory helpers for services that touch memory a kext handed them. Each returns 0,
   or 1 with *fault filled when the access faulted. */
int aixsim_guarded_copy(void *dst, const void *src, size_t n, struct aixsim_fault *fault);
int aixsim_guarded_store_ulong(unsigned long *dst, unsigned long value, struct aixsim_fault *fault);
/* Copies a NUL-terminated string of at most size-1 bytes; *dst is always terminated. */
int aixsim_guarded_copy_string(char *dst, const char *src, size_t size, struct aixsim_fault *fault);
int aixsim_guarded_vformat(char *buf, size_t size, const char *format, void *ap,
                           int *length, struct aixsim_fault *fault);

/*
 * Kernel exception contexts (setjmpx). Each guarded call is one execution level; its contexts
 * form a stack threaded through the labels' first word (label_t.prev). A kext fault inside a
 * level with a context is delivered there, from the signal handler, instead of ending the call:
 * the context's code word is set, the context popped, and the kext's own resume function
 * (label_t.iar) jumps back into its setjmpx, unless the VMM's delivery filter refuses it.
 */
enum { AIXSIM_LABEL_CODE_WORD = 8 };      /* index into label_t.reg of the setjmpx result */
void aixsim_jmpx_push(void *label);
void *aixsim_jmpx_top(void);
void aixsim_jmpx_pop(void);
/* Asks the service scope's end to resume `label` (longjmpx) once the service has returned. */
void aixsim_request_resume(void *label);
/* The exception code delivered for a fault nobody classifies (EXCEPT_DSI). */
void aixsim_set_delivery_code(int code);
/* The exception code AIX's VMM would pass for a kext fault at `address`, called from the signal
   handler (async-signal-safe, never Swift); `access_error` is 1 when the host page exists but
   refused the access (SEGV_ACCERR). The VMM registers one; without it every code is the one
   set above. */
typedef int (*aixsim_exception_classifier)(uintptr_t address, int access_error);
void aixsim_set_exception_classifier(aixsim_exception_classifier classify);

/* A fault delivered to a setjmpx context, for the kernel to log and act on. */
struct aixsim_delivery {
    struct aixsim_fault fault;
    void *label;
    long code;
    long saved_priority;                 /* label_t.intpri */
};
/* How many deliveries are waiting (cheap: checked on every service call). */
int aixsim_deliveries_pending(void);
/* Takes (and clears) up to `max` deliveries since the last call; returns how many. */
int aixsim_take_deliveries(struct aixsim_delivery *out, int max);

/* The symbol containing an instruction address (dladdr). Returns 0 if none is known. */
int aixsim_symbolize(uintptr_t pc, const char **object, uintptr_t *object_base,
                     const char **symbol, uintptr_t *symbol_address);

/* The return addresses on the current stack, innermost first (glibc backtrace). */
int aixsim_backtrace(void **buffer, int size);

#endif
