/*
 * Included first by every AIX header aixsim provides; never by kext source directly.
 *
 * It gives the kext the two symbols the loader looks for: the pointer to this kext's
 * kernel-services table (filled in at load) and the ABI version the kext was compiled for.
 * Both are weak definitions, so a kext of several C files still has one of each.
 */
#ifndef AIXSIM_KEXT_H
#define AIXSIM_KEXT_H

#include "../aixsim_kernel_abi.h"
#include "kernex_headers.h"

/* Protected: a kext opened so that later kexts can import its exports must still use its own
   table, never an earlier kext's of the same name. */
__attribute__((weak, visibility("protected")))
const struct aixsim_kernel_services *__aixsim_kernel_services = 0;

__attribute__((weak, used, visibility("default")))
const unsigned int __aixsim_kext_abi_version = AIXSIM_KERNEL_ABI_VERSION;

/*
 * The wrappers are GNU extern inline: used only for inlining, never emitted. A call they do not
 * inline (printf, or a service whose address is taken) goes to the service's weak stub
 * (kernex_stubs.c), and a kext may still define its own function of a service's name, which then
 * replaces the wrapper, as a kext's own symbol replaced the kernel's import on AIX.
 */
#define AIXSIM_WRAPPER extern __inline__ __attribute__((gnu_inline, always_inline))

#define AIXSIM_WRAP(name, ret, params, args) \
    AIXSIM_WRAPPER ret name params { return __aixsim_kernel_services->name args; }

#define AIXSIM_WRAP_VOID(name, params, args) \
    AIXSIM_WRAPPER void name params { __aixsim_kernel_services->name args; }

/* Variadic: no compiler inlines va_start, so this one is a declaration's body for the checks
   only and every call reaches the weak stub. */
#define AIXSIM_WRAP_VA(name, ret, params, last)                      \
    extern __inline__ __attribute__((gnu_inline)) ret name params {  \
        va_list aixsim_ap;                                           \
        va_start(aixsim_ap, last);                                   \
        ret aixsim_result = __aixsim_kernel_services->name(last, aixsim_ap); \
        va_end(aixsim_ap);                                           \
        return aixsim_result;                                        \
    }

#endif
