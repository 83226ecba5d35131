/* expect: findings device-switch-entry */
/*
 * Exercise devsw_left: a character driver for a status display, major number 42, whose open
 * and close only count the users. The run ends with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/devsw_left.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

#define DISPLAY_MAJOR 42

static int opens;

static int display_open(dev_t devno, ulong devflag, chan_t chan, int ext)
{
    opens++;
    return 0;
}

static int display_close(dev_t devno, chan_t chan, int ext)
{
    opens--;
    return 0;
}

static struct devsw display_devsw = { .d_open = display_open, .d_close = display_close };

int devsw_left_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        return devswadd(makedev(DISPLAY_MAJOR, 0), &display_devsw);
    if (cmd == CFG_TERM)
        return opens == 0 ? 0 : EBUSY;
    return EINVAL;
}
