/* expect: crash dsi */
/* Hands vm_galloc an eaddr that points nowhere (0x20): storing the new address faults inside
   the service, which must leave no region behind. */
#include <sys/types.h>
#include <sys/vmuser.h>

int bad_eaddr_entry(int cmd, struct uio *uiop)
{
    return vm_galloc(V_WORKING, 8192, (ulong *)0x20);
}
