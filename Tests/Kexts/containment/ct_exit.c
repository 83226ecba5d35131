/* expect: crash exit */
/* Ends the host process with a raw exit_group system call after one service call. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/vmuser.h>

int ct_exit_entry(int cmd, struct uio *uiop)
{
    ulong a;
    if (cmd != CFG_INIT)
        return 0;
    vm_galloc(V_WORKING, 4096, &a);
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(231L), "D"(7L) : "rcx", "r11", "memory");
    return (int)rc;
}
