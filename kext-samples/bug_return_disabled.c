/*
 * bug_return_disabled: a classic bug. An error path returns from the entry point between
 * i_disable and i_enable, leaving interrupts disabled for whoever runs next. AIX checks the
 * priority when a kext's entry point returns and halts the system.
 *
 * Try: aixsim load bug_return_disabled
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/device.h>

static int configured;

int bug_return_disabled_entry(int cmd, struct uio *uiop)
{
    int old = i_disable(INTCLASS1);
    if (configured && cmd == CFG_INIT)
        return EBUSY;                 /* never taken here */
    if (cmd == CFG_INIT) {
        configured = 1;
        return 0;                     /* the bug: returns with interrupts still disabled */
    }
    i_enable(old);
    return 0;
}
