/* expect: crash dsi */
/* Stores just past the end of a one-page region: a DSI at the first byte after it. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int overrun_entry(int cmd, struct uio *uiop)
{
    ulong a;
    if (cmd != CFG_INIT || vm_galloc(V_WORKING, 4000, &a) != 0)
        return 0;
    volatile char *p = (char *)a;
    for (int i = 0; i <= 4096 + 16; i++)   /* 4000 rounds to 4096: byte 4096 is past the end */
        p[i] = 0;
    return 0;
}
