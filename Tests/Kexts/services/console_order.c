#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

int console_order_entry(int cmd, struct uio *uiop)
{
    static ulong a;
    if (cmd == CFG_INIT) {
        printf("one %d\n", 1);
        vm_galloc(V_WORKING, 4096, &a);
        printf("two %s\n", "2");
        return 0;
    }
    printf("three\n");
    return vm_gfree(a, 4096);
}
