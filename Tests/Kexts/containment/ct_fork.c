/* expect: crash sandbox-violation */
/* Forks the host process with a raw system call: refused, reported, no second process. */
#include <sys/types.h>
#include <sys/device.h>

int ct_fork_entry(int cmd, struct uio *uiop)
{
    long rc = 0;
    if (cmd == CFG_INIT)
        __asm__ volatile("syscall" : "=a"(rc) : "a"(57L) : "rcx", "r11", "memory");
    return (int)rc;
}
