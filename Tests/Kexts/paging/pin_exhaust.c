/* expect: crash paging-failure; with --real-memory 8K */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/pin.h>
#include <sys/vmuser.h>

/* With two frames of real memory: pins two pages, then touches a third, which needs a frame
   the VMM cannot steal. */
int pin_exhaust_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    if (cmd != 1)
        return 0;
    if (vm_galloc(V_WORKING, 3 * 4096, &ea) != 0)
        return ENOMEM;
    if (pin((caddr_t)ea, 2 * 4096) != 0)
        return EINVAL;
    ((volatile char *)ea)[2 * 4096] = 1;
    return 0;
}
