/* expect: crash sandbox-violation */
/*
 * Exercise debug_log: a driver ported from a user-space prototype keeps the prototype's debug
 * log, which wrote straight to standard output. The kernel has no write() to import, so the port
 * issues the system call itself. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/debug_log.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <string.h>

#define HOST_WRITE 1
#define STDOUT     1

static ulong buffers;

static void debug_log(const char *text)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"((long)HOST_WRITE), "D"((long)STDOUT), "S"(text),
                     "d"((long)strlen(text)) : "rcx", "r11", "memory");
}

int debug_log_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM)
        return vm_gfree(buffers, 8192);
    if ((rc = vm_galloc(V_WORKING, 8192, &buffers)) != 0)
        return rc;
    debug_log("buffers allocated\n");
    return 0;
}
