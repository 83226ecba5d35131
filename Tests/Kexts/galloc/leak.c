/* expect: findings leak */
/* Allocates two regions and frees only one: the other is a leak at CFG_TERM. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int leak_entry(int cmd, struct uio *uiop)
{
    static ulong kept, returned;
    if (cmd == CFG_INIT) {
        vm_galloc(V_WORKING, 10000, &kept);
        return vm_galloc(V_WORKING, 4096, &returned);
    }
    return vm_gfree(returned, 4096);
}
