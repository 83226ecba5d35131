/* expect: crash lock-misuse */
/*
 * Exercise double_unlock: configuration takes cfg_lock, validates a setting, and on the error
 * path cleans up before returning. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/double_unlock.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock cfg_lock;
static int setting = -1;

static int validate(void)
{
    if (setting < 0) {
        simple_unlock(&cfg_lock);       /* error: release before returning */
        return EINVAL;
    }
    return 0;
}

int double_unlock_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        lock_free(&cfg_lock);
        return 0;
    }
    lock_alloc(&cfg_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&cfg_lock);
    simple_lock(&cfg_lock);
    rc = validate();
    simple_unlock(&cfg_lock);
    if (rc != 0)
        setting = 0;
    return 0;
}
