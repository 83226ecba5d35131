/* expect: findings timeout-pending */
/*
 * Exercise timeout_left: a driver schedules a retry with the old timeout() interface, five
 * seconds ahead, and unloads. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/timeout_left.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/pin.h>
#include <sys/timer.h>
#include <stdio.h>

static int retries;

static void retry(caddr_t arg)
{
    retries++;
}

int timeout_left_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return unpincode(timeout_left_entry);
    pincode(timeout_left_entry);
    timeoutcf(1);               /* one callout entry for our retry */
    timeout(retry, (caddr_t)&retries, 5 * HZ);
    return 0;
}
