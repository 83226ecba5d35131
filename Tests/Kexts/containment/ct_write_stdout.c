/* expect: crash sandbox-violation */
/* Writes to the host's standard output behind the kernel's back: refused by the sandbox, reported. */
#include <sys/types.h>
#include <sys/device.h>

static void host_write(int fd, const char *text, long n)
{
    long rc;
    __asm__ volatile("syscall" : "=a"(rc) : "a"(1L), "D"((long)fd), "S"(text), "d"(n) : "rcx", "r11", "memory");
}

int ct_write_stdout_entry(int cmd, struct uio *uiop)
{
    host_write(1, "{not json\n", 10);
    host_write(2, "noise\n", 6);
    return 0;
}
