/* expect: findings timer-active leak */
/*
 * Exercise timer_left: a driver arms a one-second timeout for its first command and unloads
 * before it could fire. The run ends normally, with two findings.
 *
 * Run: swift run aixsim load kext-samples/exercises/timer_left.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/timer.h>
#include <stdio.h>

static struct trb *command_timeout;

static void on_timeout(struct trb *t)
{
    printf("command timed out\n");
}

int timer_left_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return unpincode(timer_left_entry);
    pincode(timer_left_entry);
    command_timeout = talloc();
    command_timeout->func = on_timeout;
    command_timeout->ipri = INTTIMER;
    command_timeout->timeout.it_value.tv_sec = 1;
    tstart(command_timeout);
    return 0;
}
