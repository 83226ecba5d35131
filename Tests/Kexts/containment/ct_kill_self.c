/* expect: crash host-signal */
/* Kills its own process with SIGTERM, which nothing in the worker catches: the supervisor
   reports the run up to that point. */
#include <sys/types.h>
#include <sys/device.h>
#include <stdio.h>

static long syscall2(long n, long a, long b)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return rc;
}

int ct_kill_self_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        printf("about to go %d\n", 1);
        syscall2(62, syscall2(39, 0, 0), 15);   /* kill(getpid(), SIGTERM) */
    }
    return 0;
}
