/* expect: crash resource-limit; with --time-limit 2s */
/*
 * Exercise ready_poll: a driver waits for its (simulated) adapter to report ready after a reset,
 * checking the status register once a clock tick. This adapter never comes up. The run ends in
 * a crash after two seconds of host time.
 *
 * Run: swift run aixsim load kext-samples/exercises/ready_poll.c --time-limit 2s
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/timer.h>
#include <sys/device.h>

#define STATUS_READY 0x1
#define RESET_TICKS  50         /* the adapter's data sheet: ready within half a second */

static volatile int status_register;   /* the adapter's status; stays 0 on a dead adapter */

static int wait_ready(void)
{
    int ticks = RESET_TICKS;
    while (!(status_register & STATUS_READY))
        delay(1);
    return ticks > 0 ? 0 : EIO;
}

int ready_poll_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    return wait_ready();
}
