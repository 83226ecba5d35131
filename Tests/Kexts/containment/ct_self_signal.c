/* expect: crash host-signal */
/* Sends SIGSEGV to its own process (kill(getpid(), SIGSEGV)): not a storage interrupt. */
#include <sys/types.h>
#include <sys/device.h>

static long syscall2(long n, long a, long b)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return rc;
}

int ct_self_signal_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        long pid = syscall2(39, 0, 0);     /* getpid */
        syscall2(62, pid, 11);             /* kill(pid, SIGSEGV) */
    }
    return 0;
}
