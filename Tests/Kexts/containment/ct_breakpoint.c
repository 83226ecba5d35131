/* expect: crash program-interrupt */
/* A trap instruction left in the code (int3 on the host, tw on POWER). */
#include <sys/types.h>
#include <sys/device.h>

int ct_breakpoint_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        __asm__ volatile("int3");
    return 0;
}
