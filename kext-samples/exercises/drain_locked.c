/* expect: findings lock-held-at-unload leak */
/*
 * Exercise drain_locked: at CFG_TERM the driver takes its lock to drain the device so that no
 * new work starts. The run ends normally, with findings.
 *
 * Run: swift run aixsim load kext-samples/exercises/drain_locked.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <stdio.h>

Simple_lock dev_lock;
static int in_flight = 2;

int drain_locked_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        simple_lock(&dev_lock);
        in_flight = 0;
        printf("drained\n");
        return 0;
    }
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    return 0;
}
