/* expect: crash host-signal */
/*
 * Exercise bus_self_test: a driver ported from a user-space prototype keeps the prototype's self
 * test, which checks the bus-error recovery path by raising SIGBUS on itself, as a failing
 * adapter would in user space. The kernel has no kill() to import, so the port issues the system
 * calls itself. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/bus_self_test.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

#define HOST_GETPID 39
#define HOST_KILL   62
#define SIGBUS      7

static int bus_errors;

/* The prototype's raw system call, kept so the port needs no C library. */
static long host_syscall(long number, long a, long b)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(number), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return rc;
}

static void self_test_bus_error(void)
{
    long me = host_syscall(HOST_GETPID, 0, 0);
    host_syscall(HOST_KILL, me, SIGBUS);      /* "the adapter failed": recovery should count it */
}

int bus_self_test_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    self_test_bus_error();
    printf("self test: %d bus error(s) recovered\n", bus_errors);
    return 0;
}
