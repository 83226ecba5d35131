/* <sys/xmem.h>: cross-memory services (xmattach, xmdetach, xmemin, xmemout). struct xmem is in
   the kernel-services ABI header, shared with aixsim. */
#ifndef AIXSIM_SYS_XMEM_H
#define AIXSIM_SYS_XMEM_H

#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>   /* USER_ADSPACE, SYS_ADSPACE: xmattach's segflag */

/* Results of xmattach and xmdetach (xmemin and xmemout return XMEM_SUCC or an errno). */
#define XMEM_SUCC   0
#define XMEM_FAIL   (-1)

/* aspace_id values. */
#define XMEM_INVAL  (-1)   /* not attached: set it before xmattach; xmdetach sets it back */
#define XMEM_PROC   0      /* a user process's memory */
#define XMEM_GLOBAL (-2)   /* kernel global memory */

#undef AIXSIM_WANT_sys_xmem
#define AIXSIM_WANT_sys_xmem(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_xmem
#define AIXSIM_WANT_sys_xmem(x)

#endif
