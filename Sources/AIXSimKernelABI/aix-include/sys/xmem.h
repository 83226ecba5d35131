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

/* aspace_id values, AIX 5.3's (checked against its <sys/xmem.h>). A descriptor that is zeroed
   rather than set to XMEM_INVAL reads as XMEM_PROC, in use: xmattach refuses it, as AIX's does. */
#define XMEM_PROC   0      /* a user process's memory */
#define XMEM_GLOBAL (-1)   /* kernel global memory */
#define XMEM_INVAL  (-2)   /* not attached: set it before xmattach; xmdetach sets it back */
#define XMEM_REMIO  (-5)   /* remote I/O address space (aixsim never makes one) */

/* xmattach's segflag besides USER_ADSPACE/SYS_ADSPACE/USERI_ADSPACE: a lightweight attach of
   user memory (aixsim refuses it with XMEM_FAIL). */
#define LW_XMATTACH 4

/* Flags of the kernel-only services (xmemdma64 and kin, which aixsim does not export). */
#define XMEM_HIDE       0x00000000
#define XMEM_UNHIDE     0x00000001
#define XMEM_ACC_CHK    0x00000002
#define XMEM_WRITE_ONLY 0x00000004
#define XMEM_DR_SAFE    0x00000008

/* Access a page allows, as those services report it. */
#define XMEM_RDONLY 0
#define XMEM_RDWR   1
#define XMEM_NOACC  2

#undef AIXSIM_WANT_sys_xmem
#define AIXSIM_WANT_sys_xmem(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_xmem
#define AIXSIM_WANT_sys_xmem(x)

#endif
