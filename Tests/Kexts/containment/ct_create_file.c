/* expect: crash sandbox-violation */
/* Creates a file on the host (openat with O_CREAT): refused, reported, no file left behind. */
#include <sys/types.h>
#include <sys/device.h>

static const char path[] = "/tmp/aixsim-containment-created-file";

int ct_create_file_entry(int cmd, struct uio *uiop)
{
    long rc = 0;
    register long mode __asm__("r10") = 0644;
    if (cmd == CFG_INIT)   /* openat(AT_FDCWD, path, O_WRONLY|O_CREAT, 0644) */
        __asm__ volatile("syscall" : "=a"(rc) : "a"(257L), "D"(-100L), "S"(path), "d"(0101L), "r"(mode)
                         : "rcx", "r11", "memory");
    return 0;
}
