/* expect: crash dsi */
/* A store through NULL three calls deep: the crash lists every kext frame, innermost first,
   from the frame-pointer chain the fault guard saved. */
#include <sys/types.h>
#include <sys/device.h>

__attribute__((noinline)) static void nested_store(volatile char *p, int v)
{
    p[v] = (char)v;
}

__attribute__((noinline)) static int nested_middle(int v)
{
    nested_store((volatile char *)0, v + 1);
    return v;
}

int nested_fault_entry(int cmd, struct uio *uiop)
{
    if (cmd != CFG_INIT)
        return 0;
    return nested_middle(cmd) == 1 ? 0 : 1;
}
