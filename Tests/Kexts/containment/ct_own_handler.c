/* expect: crash sandbox-violation */
/* Installs its own SIGSEGV handler with a raw rt_sigaction, to turn its NULL store into
   "ok": the sandbox keeps aixsim's handler, and the attempt is reported. */
#include <sys/types.h>
#include <sys/device.h>

static unsigned long action[4];   /* handler, flags, restorer, mask: SIG_IGN */

int ct_own_handler_entry(int cmd, struct uio *uiop)
{
    long rc = 0;
    register long size __asm__("r10") = 8;
    if (cmd != CFG_INIT)
        return 0;
    action[0] = 1;   /* SIG_IGN */
    __asm__ volatile("syscall" : "=a"(rc) : "a"(13L), "D"(11L), "S"(action), "d"(0L), "r"(size)
                     : "rcx", "r11", "memory");
    *(volatile int *)(long)rc = 1;
    return 0;
}
