/* expect: crash sandbox-violation */
/* Starts a host thread with a raw clone(CLONE_VM|CLONE_THREAD|...): refused, no thread runs. */
#include <sys/types.h>
#include <sys/device.h>

int ct_clone_thread_entry(int cmd, struct uio *uiop)
{
    long rc = 0;
    /* CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, no new stack: were it
       allowed, the child would return here on the parent's stack. */
    long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000;
    if (cmd == CFG_INIT)
        __asm__ volatile("syscall" : "=a"(rc) : "a"(56L), "D"(flags), "S"(0L), "d"(0L) : "rcx", "r11", "memory");
    return (int)rc;
}
