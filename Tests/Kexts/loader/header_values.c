/* expect: ok */
/* Fails to compile if an AIX header value drifts from AIX 5.3's. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/uio.h>

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
_Static_assert(sizeof(vmsize_t) == 8 && sizeof(ulong) == 8 && sizeof(caddr_t) == 8, "64-bit kernel types");
_Static_assert(sizeof(label_t) >= 200, "label_t holds a host context");

int header_values_entry(int cmd, struct uio *uiop)
{
    return 0;
}
