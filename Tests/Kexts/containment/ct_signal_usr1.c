/* expect: crash host-signal */
/* Sends SIGUSR1 to its own process: a signal the fault guard leaves at its default action. */
#include <sys/types.h>
#include <sys/device.h>

static long syscall2(long n, long a, long b)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return rc;
}

int ct_signal_usr1_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        syscall2(62, syscall2(39, 0, 0), 10);   /* kill(getpid(), SIGUSR1) */
    return 0;
}
