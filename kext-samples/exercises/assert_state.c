/* expect: crash assert */
/*
 * Exercise assert_state: the driver checks its own state machine with assert() before it starts
 * the device. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/assert_state.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/syspest.h>
#include <stdio.h>

enum state { UNCONFIGURED, READY, RUNNING };
static enum state state = UNCONFIGURED;

static void start_device(void)
{
    assert(state == READY);
    state = RUNNING;
    printf("device running\n");
}

int assert_state_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        state = UNCONFIGURED;
        return 0;
    }
    start_device();
    state = READY;
    return 0;
}
