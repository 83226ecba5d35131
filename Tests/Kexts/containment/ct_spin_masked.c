/* expect: crash hang; with --watchdog 300ms */
/* Blocks the watchdog's signal with a raw system call, then spins: the supervisor, hearing
   nothing, ends the worker and reports the hang from what it was sent. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/vmuser.h>

static volatile int forever = 1;

int ct_spin_masked_entry(int cmd, struct uio *uiop)
{
    ulong a;
    if (cmd != CFG_INIT)
        return 0;
    vm_galloc(V_WORKING, 4096, &a);
    unsigned long set = 1UL << (14 - 1);   /* SIGALRM */
    long rc;
    register long size __asm__("r10") = 8;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(14L), "D"(0L), "S"(&set), "d"(0L), "r"(size)
                     : "rcx", "r11", "memory");   /* rt_sigprocmask(SIG_BLOCK, &set, NULL, 8) */
    while (forever)
        ;
    return 0;
}
