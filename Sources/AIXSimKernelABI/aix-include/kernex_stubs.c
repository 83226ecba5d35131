/*
 * Compiled into every kext, beside its own source: one weak definition of every exported
 * service, so a call that names a service without its header (as AIX kexts do, resolved at
 * link time against kernex.exp) still reaches this kext's kernel-services table. A kext that
 * defines a function of a service's name (OpenAFS has its own timeout) keeps its own: a strong
 * definition beats a weak one at link time, as a kext's own symbol did on AIX.
 *
 * Each stub is a tail jump through the table, never a call: the service then sees the kext
 * function that called it as its caller, as through the headers' wrappers. printf takes the
 * table's va_list form, so its stub is an ordinary variadic function.
 *
 * The stubs are hidden: bound inside the kext at link time, never exported, and never
 * resolved by the dynamic linker to a host library's function of the same name (printf).
 */
#include <aixsim_kernel_abi.h>

__attribute__((weak, visibility("default")))
const struct aixsim_kernel_services *__aixsim_kernel_services = 0;

/* errno as <sys/errno.h> declares it for kernel code: the kext's own, never the host's. */
__attribute__((weak, visibility("hidden"))) int errno;

#define AIXSIM_TAIL_STUB(name)                                                          \
    __attribute__((weak, naked, visibility("hidden"))) void name(void)                 \
    {                                                                                   \
        __asm__ volatile("movq __aixsim_kernel_services@GOTPCREL(%%rip), %%rax\n\t"     \
                         "movq (%%rax), %%rax\n\t"                                      \
                         "jmp *%c0(%%rax)"                                              \
                         :: "i"(__builtin_offsetof(struct aixsim_kernel_services, name))); \
    }

#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env) AIXSIM_TAIL_STUB(name)
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env) AIXSIM_TAIL_STUB(name)
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env)                  \
    __attribute__((weak, visibility("hidden"))) int name(const char *last, ...)             \
    {                                                                                     \
        va_list aixsim_ap;                                                                \
        va_start(aixsim_ap, last);                                                        \
        int aixsim_result = __aixsim_kernel_services->name(last, aixsim_ap);             \
        va_end(aixsim_ap);                                                                \
        return aixsim_result;                                                             \
    }
#include <aixsim/kernex.def>
