/* expect: crash exit */
/*
 * Exercise fatal_exit: a driver ported from a user-space test harness keeps the harness's
 * fatal() helper for errors it cannot recover from. The kernel has no exit() to import, so the
 * port issues the exit system call itself. CFG_INIT finds no configuration data. The run ends in
 * a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/fatal_exit.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <stdio.h>

#define HOST_EXIT_GROUP 231

static void fatal(const char *why)
{
    long rc;
    printf("fatal: %s\n", why);
    __asm__ volatile("syscall" : "=a"(rc) : "a"((long)HOST_EXIT_GROUP), "D"(1L) : "rcx", "r11", "memory");
}

int fatal_exit_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    if (uiop == NULL || uiop->uio_resid == 0)
        fatal("no configuration data");
    return 0;
}
