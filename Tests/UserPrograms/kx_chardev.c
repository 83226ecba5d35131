/*
 * kx_chardev from a C program: the special file made with mknod, then open, write and read
 * (the driver moves the bytes with uiomove), ioctl with a pointer argument, close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define KX_COUNT 1

int main(void)
{
    char in[8] = { 0 };
    int count = 0, bad = 0;

    bad += open("/dev/kx", O_RDWR) != -1 || errno != ENOENT;
    bad += mknod("/dev/kx", S_IFCHR | 0600, makedev(30, 0)) != 0;
    bad += mknod("/dev/kx1", S_IFCHR | 0600, makedev(30, 1)) != 0;
    bad += open("/dev/kx1", O_RDWR) != -1 || errno != ENXIO;
    int fd = open("/dev/kx", O_RDWR);
    bad += fd < 0;
    bad += write(fd, "ring", 4) != 4;
    bad += ioctl(fd, KX_COUNT, &count) != 0 || count != 4;
    bad += ioctl(fd, KX_COUNT, (int *)0xF100000040000000UL) != -1 || errno != EFAULT;
    bad += read(fd, in, sizeof in) != 4 || memcmp(in, "ring", 4) != 0;
    bad += write(fd, (char *)0xF100000040000000UL, 4) != -1 || errno != EFAULT;
    bad += close(fd) != 0;
    bad += read(fd, in, sizeof in) != -1 || errno != EBADF;
    printf("read back \"%s\", count %d, %d unexpected\n", in, count, bad);
    return bad;
}
