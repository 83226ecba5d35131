/* expect: load-error */
/*
 * Part of exercise counter_lib: a driver that counts its configuration through counter_lib's
 * exported counter_bump. Loaded alone, its import is unresolved and the load fails, as AIX's
 * loader refuses it; it is meant to be loaded after counter_lib.
 *
 * Run: swift run aixsim load kext-samples/exercises/counter_lib.c kext-samples/exercises/counter_user.c --unload-order counter_lib,counter_user
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

extern long counter_bump(void);     /* -bI:counter_lib.exp */

int counter_user_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        printf("configured, event %ld\n", counter_bump());
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
