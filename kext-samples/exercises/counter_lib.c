/* expect: findings unload-refused; with counter_user.c --unload-order counter_lib,counter_user */
/*
 * Exercise counter_lib: a library kext that exports an event counter to other kexts
 * (counter_lib.exp), and counter_user.c, a driver that imports it. The pair is loaded library
 * first, and the script that takes them down unloads them in the order it loaded them. The run
 * ends with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/counter_lib.c kext-samples/exercises/counter_user.c --unload-order counter_lib,counter_user
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

static long events;

long counter_bump(void)
{
    return ++events;
}

int counter_lib_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
