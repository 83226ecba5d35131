/* expect: findings lock-uninitialised */
/*
 * Exercise lock_without_alloc: a small driver protects a counter with a simple lock it
 * initialises at CFG_INIT. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/lock_without_alloc.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock count_lock;
static int opens;

int lock_without_alloc_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    simple_lock_init(&count_lock);
    simple_lock(&count_lock);
    opens++;
    simple_unlock(&count_lock);
    return 0;
}
