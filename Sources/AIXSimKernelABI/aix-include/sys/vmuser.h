/* <sys/vmuser.h>: virtual memory manager interfaces for kernel extensions (AIX 5.3 values). */
#ifndef AIXSIM_SYS_VMUSER_H
#define AIXSIM_SYS_VMUSER_H

#include <sys/types.h>

/* Segment types for vms_create() and vm_galloc(). */
#define V_WORKING    0x1
#define V_CLIENT     0x2
#define V_PERSISTENT 0x4
#define V_JOURNAL    0x8
#define V_DEFER      0x10
#define V_SYSTEM     0x20
#define V_LOGSEG     0x40
#define V_UREAD      0x80
#define V_PTASEG     0x100
#define V_PRIVSEG    0x200
#define V_INTRSEG    0x400
#define V_MAPPING    0x800
#define V_SPARSE     0x4000
#define V_LARGE      0x8000
#define V_USERACC    0x4000000
#define V_PIN        0x8000000
#define V_LGPAGE     0x10000000
#define V_SHMSEG     0x20000000
#define V_RSVD_VSID  0x40000000
#define V_NOEXEC     0x80000000

/* Protection keys for vm_protect(): the POWER page-protection (PP) codes. */
#define KERKEY   0
#define UBLKKEY  0
#define FILEKEY  1
#define UTXTKEY  1
#define UDATAKEY 2
#define RDONLY   3
#define NOACCESS 64

/* vm_guatt/vm_gudet flags: only VU_ANYWHERE is valid. */
#define VU_INPLACE   0x1
#define VU_ANYWHERE  0x2

/* vm_guatt keys; AIX declares them in <sys/adspace.h>, which aixsim also provides. */
#ifndef VM_PRIV
#define VM_PRIV   0   /* segment Ks=0, Kp=0: the process reads and writes */
#define VM_UNPRIV 1   /* Ks=1, Kp=1: no writes; reads only of V_UREAD (PP 01) pages */
#define VM_KEY10  2
#define VM_KEY01  3
#endif

/* aixsim extension: what aixsim_pginfo(addr) returns, the VMM's state of one global page.
   AIX has no such service; it exists so samples can show the page-table story. -1: not global
   memory. */
#define AIXSIM_PG_ALLOCATED  0x01   /* a vm_galloc region covers the page */
#define AIXSIM_PG_RESIDENT   0x02   /* in a frame of real memory, with a PTE */
#define AIXSIM_PG_REF        0x04   /* R: referenced (the clock clears it) */
#define AIXSIM_PG_MOD        0x08   /* C: changed */
#define AIXSIM_PG_PINNED     0x10
#define AIXSIM_PG_PAGED_OUT  0x20   /* its contents are in paging space */

#undef AIXSIM_WANT_sys_vmuser
#define AIXSIM_WANT_sys_vmuser(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_vmuser
#define AIXSIM_WANT_sys_vmuser(x)

#endif
