/* expect: crash dsi */
/*
 * Exercise ring_overrun: a driver keeps the last RING_SLOTS event codes in one page of global
 * memory and fills it at CFG_INIT. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/ring_overrun.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>

#define RING_SLOTS 512          /* 512 longs: one 4 KB page */

static ulong ring;

int ring_overrun_entry(int cmd, struct uio *uiop)
{
    int i, rc;
    long *slot;
    if (cmd == CFG_TERM)
        return vm_gfree(ring, RING_SLOTS * sizeof(long));
    if ((rc = vm_galloc(V_WORKING, RING_SLOTS * sizeof(long), &ring)) != 0)
        return rc;
    slot = (long *)ring;
    for (i = 0; i <= RING_SLOTS; i++)
        slot[i] = -1;           /* "no event yet" */
    return 0;
}
