/* expect: ok */
/* printf and vm_galloc/vm_gfree interleaved over CFG_INIT and CFG_TERM: the report keeps
   console output and calls in the order the kext made them. */
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
