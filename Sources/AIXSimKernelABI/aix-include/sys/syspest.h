/*
 * <sys/syspest.h>: panic and assert. On AIX assert is an inline trap; aixsim's assert reports
 * through a kernel service so the crash names the expression, file and line.
 */
#ifndef AIXSIM_SYS_SYSPEST_H
#define AIXSIM_SYS_SYSPEST_H

#include <sys/types.h>

#undef AIXSIM_WANT_sys_syspest
#define AIXSIM_WANT_sys_syspest(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_syspest
#define AIXSIM_WANT_sys_syspest(x)

#undef assert
#define assert(p) ((p) ? (void)0 : aixsim_assert(#p, __FILE__, __LINE__))
/* ASSERT is evaluated but unchecked in kexts built without DEBUG, as on AIX. */
#ifdef DEBUG
#define ASSERT(p) assert(p)
#else
#define ASSERT(p) ((void)(p))
#endif

#endif
