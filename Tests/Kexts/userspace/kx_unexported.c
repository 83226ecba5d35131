/* expect: load-error */
/* An export file naming a system call the kext does not define: AIX's binder fails the link. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int kx_unexported_entry(int cmd, struct uio *uiop)
{
    return 0;
}
