/* expect: findings leak */
/* Allocates a region at CFG_INIT and never frees it: a leak at CFG_TERM. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int tr_leak_entry(int cmd, struct uio *uiop)
{
    static ulong region;
    return cmd == CFG_INIT ? vm_galloc(V_WORKING, 8192, &region) : 0;
}
