/*
 * The fault guard: runs kext code so that a memory fault it causes becomes a report instead of
 * killing aixsim.
 *
 * A guarded call saves a sigsetjmp context and calls into the kext through libffi. If the kext
 * (or a C string function it called) faults, the SIGSEGV/SIGBUS handler records the fault and
 * jumps back to that context. Only C and kext frames lie between the handler and the context:
 * while a kernel service written in Swift runs, the guard is "in service" and a fault there is
 * an aixsim bug, handed to the previous handler (the Swift runtime's crash reporter).
 *
 * A service that must abandon the kext's call (a simulated system crash) says so in its return
 * value; the C closure dispatcher performs the jump after the Swift service has returned, so no
 * Swift frame is ever skipped.
 */
#ifndef AIXSIM_GUARD_H
#define AIXSIM_GUARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <ffi.h>
#include "aixsim_pagestate.h"

/* How a guarded call ended. */
enum aixsim_guard_outcome {
    AIXSIM_GUARD_RETURNED = 0,   /* the function returned normally */
    AIXSIM_GUARD_FAULTED = 1,    /* a memory fault in guarded code; see the fault record */
    AIXSIM_GUARD_ABANDONED = 2,  /* a kernel service abandoned the call (simulated crash) */
};

/* What the signal handler saw. */
struct aixsim_fault {
    int signal;          /* SIGSEGV or SIGBUS */
    int code;            /* si_code: SEGV_MAPERR, SEGV_ACCERR, ... */
    uintptr_t address;   /* the faulting data address (si_addr) */
    uintptr_t pc;        /* the instruction that faulted */
    int is_write;        /* 1 for a store, 0 for a load (x86-64 page-fault error code) */
};

/* Installs the SIGSEGV/SIGBUS handlers once per process, and an alternate signal stack for
   the calling thread. Returns 0, or -1 with errno. */
int aixsim_guard_install(void);

/* Calls fn through libffi under the guard. */
enum aixsim_guard_outcome aixsim_guarded_ffi_call(ffi_cif *cif, void (*fn)(void), void *rvalue,
                                                  void **avalue, struct aixsim_fault *fault);

/* Kernel-service dispatch. The Swift side registers one handler; every libffi closure of every
   kext table calls aixsim_closure_dispatch, which calls the handler with the closure's user data.
   The handler returns 1 to abandon the kext's call, 2 to resume the context passed to
   aixsim_request_resume (longjmpx), 0 to return normally. */
typedef int (*aixsim_service_handler)(ffi_cif *cif, void *ret, void **args, void *user_data);
void aixsim_set_service_handler(aixsim_service_handler handler);
void aixsim_closure_dispatch(ffi_cif *cif, void *ret, void **args, void *user_data);

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
 * (label_t.iar) jumps back into its setjmpx. Addresses in V_SYSTEM areas are never delivered.
 */
enum { AIXSIM_LABEL_CODE_WORD = 8 };      /* index into label_t.reg of the setjmpx result */
void aixsim_jmpx_push(void *label);
void *aixsim_jmpx_top(void);
void aixsim_jmpx_pop(void);
/* Asks the dispatcher to resume `label` (longjmpx) once the service handler has returned. */
void aixsim_request_resume(void *label);
/* While page faults are not allowed (interrupt level, or interrupts disabled), faults in the
   galloc heap [heap_start, heap_end) are never delivered to setjmpx: they are crashes. */
void aixsim_set_page_faults_allowed(int allowed, uintptr_t heap_start, uintptr_t heap_end);
/* The exception code delivered for a fault (EXCEPT_DSI). */
void aixsim_set_delivery_code(int code);
/* Host ranges whose faults must never be delivered (V_SYSTEM areas). */
int aixsim_add_system_range(uintptr_t start, uintptr_t end);
void aixsim_remove_system_range(uintptr_t start);

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
