/* expect: findings term-failed */
/*
 * Exercise term_busy: the driver counts users and refuses to unload while any are left. The
 * run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/term_busy.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

static int users;

static void self_test(void)
{
    users++;                    /* "open" */
    printf("self test passed\n");
}

int term_busy_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return users > 0 ? EBUSY : 0;
    self_test();
    return 0;
}
