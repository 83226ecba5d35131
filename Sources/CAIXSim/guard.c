#include "aixsim_guard.h"

#include <dlfcn.h>
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
struct guard_frame {
    sigjmp_buf context;
    struct guard_frame *outer;
    struct aixsim_fault *fault;
    volatile int in_service;
};

static __thread struct guard_frame *current_frame;
static __thread int altstack_ready;

static struct sigaction previous_segv, previous_bus;
static aixsim_service_handler service_handler;

static void chain(int sig, siginfo_t *info, void *uctx)
{
    struct sigaction *prev = sig == SIGSEGV ? &previous_segv : &previous_bus;
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

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
    struct guard_frame *frame = current_frame;
    if (frame == NULL || frame->in_service) {
        chain(sig, info, uctx);
        return;
    }
    ucontext_t *uc = uctx;
    struct aixsim_fault *fault = frame->fault;
    fault->signal = sig;
    fault->code = info->si_code;
    fault->address = (uintptr_t)info->si_addr;
#if defined(__x86_64__)
    fault->pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    /* Bit 1 of the x86 page-fault error code is set for writes. */
    fault->is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    (void)uc;
    fault->pc = 0;
    fault->is_write = 0;
#endif
    siglongjmp(frame->context, 1);
}

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
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

enum aixsim_guard_outcome aixsim_guarded_ffi_call(ffi_cif *cif, void (*fn)(void), void *rvalue,
                                                  void **avalue, struct aixsim_fault *fault)
{
    struct guard_frame frame;
    frame.outer = current_frame;
    frame.fault = fault;
    frame.in_service = 0;
    memset(fault, 0, sizeof *fault);
    int jumped = sigsetjmp(frame.context, 0);
    if (jumped == 0) {
        current_frame = &frame;
        ffi_call(cif, fn, rvalue, avalue);
        current_frame = frame.outer;
        return AIXSIM_GUARD_RETURNED;
    }
    current_frame = frame.outer;
    if (jumped == 1)
        unblock_fault_signals();
    return jumped == 1 ? AIXSIM_GUARD_FAULTED : AIXSIM_GUARD_ABANDONED;
}

void aixsim_set_service_handler(aixsim_service_handler handler)
{
    service_handler = handler;
}

void aixsim_closure_dispatch(ffi_cif *cif, void *ret, void **args, void *user_data)
{
    struct guard_frame *frame = current_frame;
    int was_in_service = frame ? frame->in_service : 0;
    if (frame)
        frame->in_service = 1;
    int abandon = service_handler(cif, ret, args, user_data);
    if (frame)
        frame->in_service = was_in_service;
    /* The Swift handler has returned: only libffi, kext and C frames lie between here and the
       guard's context, so the jump skips nothing that needs unwinding. */
    if (abandon && frame)
        siglongjmp(frame->context, 2);
}

/* Runs one C operation under a nested guard frame that allows jumping back. */
#define GUARDED(fault, body)                                \
    do {                                                    \
        struct guard_frame frame;                           \
        frame.outer = current_frame;                        \
        frame.fault = (fault);                              \
        frame.in_service = 0;                               \
        memset((fault), 0, sizeof *(fault));                \
        if (sigsetjmp(frame.context, 0) == 0) {             \
            current_frame = &frame;                         \
            body;                                           \
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

int aixsim_guard_depth(void)
{
    int depth = 0;
    for (struct guard_frame *f = current_frame; f; f = f->outer)
        depth++;
    return depth;
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
