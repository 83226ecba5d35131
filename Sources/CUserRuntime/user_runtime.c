#include "aixsim_user_runtime.h"

#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

/* One user program per run, driven by one thread; thread-local so that runs on different
   threads (the test suites) never share a program's contexts. */
static __thread ucontext_t host_context, user_context;
static __thread struct aixsim_user_call pending;
static __thread int (*user_main)(int, char **);
static __thread int user_argc;
static __thread char **user_argv;

/* Runs on the user stack, in user code: hands the request to the host and waits. */
static long user_enter(struct aixsim_user_call *call)
{
    pending = *call;
    swapcontext(&user_context, &host_context);
    call->result = pending.result;
    call->error = pending.error;
    return pending.result;
}

static int user_vformat(char *buffer, unsigned long size, const char *format, va_list ap)
{
    return vsnprintf(buffer, size, format, ap);
}

static const struct aixsim_user_runtime table = { AIXSIM_USER_RUNTIME_MAGIC, user_enter, user_vformat };

const struct aixsim_user_runtime *aixsim_user_runtime_table(void)
{
    return &table;
}

/* The bottom frame of the user program: main runs with its stack pointer exactly at the top of
   the user stack, so the user addresses of its locals depend on the program alone, never on how
   the compiler laid out this host function (which runs on a small host stack of its own). Its
   return is the program's exit. */
static __thread uintptr_t user_stack_top;

static void user_start(void)
{
    long status;
    __asm__ volatile(
        "mov %%rsp, %%rbx\n\t"
        "mov %[top], %%rsp\n\t"
        "mov %[argc], %%edi\n\t"
        "mov %[argv], %%rsi\n\t"
        "call *%[entry]\n\t"
        "mov %%rbx, %%rsp\n\t"
        : "=a"(status)
        : [top] "r"(user_stack_top), [argc] "r"(user_argc), [argv] "r"(user_argv), [entry] "r"(user_main)
        : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc",
          "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    struct aixsim_user_call call = { AIXSIM_USER_EXIT, 0, "exit", { (int)status }, 0 };
    user_enter(&call);
    /* The host never resumes a program that exited. */
    for (;;)
        pause();
}

static void switch_to_user(void *context)
{
    (void)context;
    swapcontext(&host_context, &user_context);
}

enum aixsim_guard_outcome aixsim_user_start(int (*main)(int, char **), int argc, char **argv,
                                            void *stack, size_t size,
                                            struct aixsim_user_call *request, struct aixsim_fault *fault)
{
    user_main = main;
    user_argc = argc;
    user_argv = argv;
    static __thread char start_stack[64 << 10] __attribute__((aligned(16)));
    user_stack_top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
    getcontext(&user_context);
    user_context.uc_stack.ss_sp = start_stack;
    user_context.uc_stack.ss_size = sizeof start_stack;
    user_context.uc_link = NULL;
    makecontext(&user_context, user_start, 0);
    /* The fault report's frame-pointer walk stops at the user stack's bottom frame. */
    user_context.uc_mcontext.gregs[REG_RBP] = 0;
    memset(&pending, 0, sizeof pending);
    enum aixsim_guard_outcome outcome = aixsim_guarded_invoke(switch_to_user, NULL, fault);
    *request = pending;
    return outcome;
}

enum aixsim_guard_outcome aixsim_user_resume(long result, int error,
                                             struct aixsim_user_call *request, struct aixsim_fault *fault)
{
    pending.result = result;
    pending.error = error;
    enum aixsim_guard_outcome outcome = aixsim_guarded_invoke(switch_to_user, NULL, fault);
    *request = pending;
    return outcome;
}

struct segment_search {
    uintptr_t address;
    struct aixsim_user_segment *out;
    int max, count;
};

static void add(struct segment_search *search, uintptr_t start, uintptr_t end, int data, int closes)
{
    if (end > start && search->count < search->max)
        search->out[search->count++] = (struct aixsim_user_segment){ start, end, data, closes };
}

static int find_segments(struct dl_phdr_info *info, size_t size, void *context)
{
    (void)size;
    struct segment_search *search = context;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t low = UINTPTR_MAX, high = 0, rw_start = 0, rw_end = 0, relro_end = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + p->p_vaddr, end = start + p->p_memsz;
        if (p->p_type == PT_LOAD) {
            low = start < low ? start : low;
            high = end > high ? end : high;
            if (p->p_flags & PF_W)
                rw_start = start, rw_end = end;
        } else if (p->p_type == PT_GNU_RELRO) {
            relro_end = end;
        }
    }
    if (search->address < low || search->address >= high)
        return 0;
    low &= ~(page - 1);
    high = (high + page - 1) & ~(page - 1);
    if (rw_start == 0) {
        add(search, low, high, 0, 0);
        return 1;
    }
    rw_start &= ~(page - 1);
    rw_end = (rw_end + page - 1) & ~(page - 1);
    relro_end = (relro_end + page - 1) & ~(page - 1);
    if (relro_end < rw_start)
        relro_end = rw_start;
    add(search, low, rw_start, 0, 0);
    add(search, rw_start, relro_end < rw_end ? relro_end : rw_end, 1, 0);
    add(search, relro_end, rw_end, 1, 1);
    return 1;
}

int aixsim_user_program_segments(const void *symbol, struct aixsim_user_segment *out, int max)
{
    struct segment_search search = { (uintptr_t)symbol, out, max, 0 };
    dl_iterate_phdr(find_segments, &search);
    return search.count;
}
