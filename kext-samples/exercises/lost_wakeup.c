/* expect: crash watchdog */
/*
 * Exercise lost_wakeup: CFG_INIT starts a (simulated) device reset, which completes at once
 * and posts the completion, then waits for it. The run ends in a crash after a while of
 * simulated time.
 *
 * Run: swift run aixsim load kext-samples/exercises/lost_wakeup.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/sleep.h>
#include <stdio.h>

static tid_t reset_done = EVENT_NULL;

static void start_reset(void)
{
    printf("reset started\n");
    e_wakeup(&reset_done);      /* the "device" finishes at once */
}

int lost_wakeup_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    start_reset();
    e_sleep(&reset_done, EVENT_SHORT);
    printf("reset complete\n");
    return 0;
}
