/* expect: crash program-interrupt */
/* Executes an instruction the CPU refuses (__builtin_trap is ud2 on the host): a program interrupt. */
#include <sys/types.h>
#include <sys/device.h>

int ct_illegal_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        __builtin_trap();
    return 0;
}
