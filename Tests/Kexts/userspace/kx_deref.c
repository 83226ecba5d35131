/* expect: crash dsi; with --user ../../UserPrograms/kx_deref.json */
/*
 * The classic bug: a system call that reads its user argument through the pointer, as if it
 * were kernel memory, instead of copying it in. On AIX the user segment is not the kernel's;
 * aixsim keeps it out of the kernel's reach during the call, so the load is a DSI.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int kx_deref_sum(const int *values, int count)
{
    int i, sum = 0;
    for (i = 0; i < count; i++)
        sum += values[i];      /* wrong: values is a user address; copyin it first */
    return sum;
}

int kx_deref_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
