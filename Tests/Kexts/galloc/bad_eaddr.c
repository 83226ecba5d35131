#include <sys/types.h>
#include <sys/vmuser.h>

int bad_eaddr_entry(int cmd, struct uio *uiop)
{
    return vm_galloc(V_WORKING, 8192, (ulong *)0x20);
}
