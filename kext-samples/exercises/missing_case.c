/* expect: crash program-interrupt */
/*
 * Exercise missing_case: a link driver maps each hardware state to the timer interval it polls
 * at, and stops the machine on a state it believes cannot happen. CFG_INIT reads the state the
 * (simulated) adapter reports after reset. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/missing_case.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

/* The driver's "cannot happen" check: a trap instruction, as kernel BUG() macros use. */
#define LINK_BUG() __builtin_trap()

enum link_state { LINK_DOWN, LINK_TRAINING, LINK_UP, LINK_DEGRADED };

static volatile int adapter_status = LINK_DEGRADED;   /* what the adapter reports after reset */

static int poll_interval_ms(enum link_state state)
{
    switch (state) {
    case LINK_DOWN:
        return 1000;
    case LINK_TRAINING:
        return 10;
    case LINK_UP:
        return 100;
    default:
        LINK_BUG();
    }
}

int missing_case_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    printf("polling every %d ms\n", poll_interval_ms((enum link_state)adapter_status));
    return 0;
}
