/* expect: ok */
/* Fails to compile if an AIX header value drifts from AIX 5.3's. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <sys/xmem.h>

_Static_assert(V_WORKING == 0x1, "V_WORKING");
_Static_assert(V_SYSTEM == 0x20, "V_SYSTEM");
_Static_assert(V_UREAD == 0x80, "V_UREAD");
_Static_assert(V_NOEXEC == 0x80000000, "V_NOEXEC");
_Static_assert(V_CLIENT == 0x2 && V_PERSISTENT == 0x4 && V_JOURNAL == 0x8 && V_DEFER == 0x10, "V_ types");
_Static_assert(V_LOGSEG == 0x40 && V_PTASEG == 0x100 && V_PRIVSEG == 0x200 && V_INTRSEG == 0x400, "V_ types");
_Static_assert(V_MAPPING == 0x800 && V_SPARSE == 0x4000 && V_LARGE == 0x8000 && V_PIN == 0x8000000, "V_ types");
_Static_assert(CFG_INIT == 1 && CFG_TERM == 2, "CFG_");
_Static_assert(EINVAL == 22 && ENOMEM == 12 && ENOSPC == 28 && EFAULT == 14 && EINTR == 4, "errno");
_Static_assert(UIO_USERSPACE == 0 && UIO_SYSSPACE == 1 && UIO_READ == 0 && UIO_WRITE == 1, "uio");
_Static_assert(XMEM_PROC == 0 && XMEM_GLOBAL == -1 && XMEM_INVAL == -2 && XMEM_REMIO == -5, "xmem aspace_id");
_Static_assert(XMEM_SUCC == 0 && XMEM_FAIL == -1 && LW_XMATTACH == 4 && USERI_ADSPACE == 2, "xmem results, segflag");
_Static_assert(XMEM_HIDE == 0 && XMEM_UNHIDE == 1 && XMEM_ACC_CHK == 2 && XMEM_WRITE_ONLY == 4 && XMEM_DR_SAFE == 8, "xmem flags");
_Static_assert(XMEM_RDONLY == 0 && XMEM_RDWR == 1 && XMEM_NOACC == 2, "xmem access");
_Static_assert(DSW_UNDEFINED == 0 && DSW_CREAD == 0x1 && DSW_CWRITE == 0x2 && DSW_BLOCK == 0x4 && DSW_TTY == 0x8, "DSW_");
_Static_assert(DSW_SELECT == 0x10 && DSW_DUMP == 0x20 && DSW_MPX == 0x40 && DSW_TCPATH == 0x80, "DSW_");
_Static_assert(DSW_OPENED == 0x100 && DSW_DEFINED == 0x200 && DSW_CONSOLE == 0x400 && DSW_CONFIG == 0x800, "DSW_");
_Static_assert(DSW_MEM == 0x1000 && DSW_LAZYTIMES == 0x2000, "DSW_");
_Static_assert(sizeof(vmsize_t) == 8 && sizeof(ulong) == 8 && sizeof(caddr_t) == 8, "64-bit kernel types");
_Static_assert(sizeof(label_t) >= 200, "label_t holds a host context");

int header_values_entry(int cmd, struct uio *uiop)
{
    return 0;
}
