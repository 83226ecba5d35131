#include "aixsim_user_runtime.h"

#include <link.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

/* One user program per run and one thread driving it, so plain statics. */
static ucontext_t host_context, user_context;
static struct aixsim_user_call pending;
static int (*user_main)(int, char **);
static int user_argc;
static char **user_argv;

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

/* The bottom frame of the user stack: main's return is the program's exit. */
static void user_start(void)
{
    int status = user_main(user_argc, user_argv);
    struct aixsim_user_call call = { AIXSIM_USER_EXIT, 0, "exit", { status }, 0 };
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
    getcontext(&user_context);
    user_context.uc_stack.ss_sp = stack;
    user_context.uc_stack.ss_size = size;
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

struct range_search {
    uintptr_t address;
    uintptr_t start, end;
};

static int find_writable_segment(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct range_search *search = data;
    int holds = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + p->p_vaddr;
        if (p->p_type == PT_LOAD && search->address >= start && search->address < start + p->p_memsz)
            holds = 1;
    }
    if (!holds)
        return 0;
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        if (p->p_type == PT_LOAD && (p->p_flags & PF_W)) {
            uintptr_t start = info->dlpi_addr + p->p_vaddr;
            search->start = start & ~(uintptr_t)(page - 1);
            search->end = (start + p->p_memsz + page - 1) & ~(uintptr_t)(page - 1);
        }
    }
    return 1;
}

int aixsim_user_data_range(const void *symbol, uintptr_t *start, uintptr_t *end)
{
    struct range_search search = { (uintptr_t)symbol, 0, 0 };
    if (!dl_iterate_phdr(find_writable_segment, &search) || search.start == 0)
        return 0;
    *start = search.start;
    *end = search.end;
    return 1;
}
