/* expect: crash unhandled-exception */
/*
 * Exercise stale_jump: a probe routine guards a risky read with setjmpx, and an error path
 * later jumps back "to the guard" with longjmpx. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/stale_jump.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/except.h>
#include <stdio.h>

static label_t guard;

static int probe(volatile int *where)
{
    int rc = setjmpx(&guard);
    if (rc != 0)
        return rc;
    (void)*where;
    clrjmpx(&guard);
    return 0;
}

int stale_jump_entry(int cmd, struct uio *uiop)
{
    static int word;
    if (cmd == CFG_TERM)
        return 0;
    printf("probe: %d\n", probe(&word));
    /* Configuration found a problem: give up "through the guard". */
    longjmpx(EIO);
    return 0;
}
