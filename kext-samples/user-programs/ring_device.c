/*
 * The user side of ring_device, written as a user would: make the special file, open it, write
 * a message, ask for an asynchronous fill (the driver attaches the buffer with xmattach), let
 * the device interrupt while the program waits, read the ring back, close.
 *
 * Try: aixsim load ring_device --user kext-samples/user-programs/ring_device.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <aixsim/hardware.h>   /* not AIX: says when the device raises its interrupt */

#define RING_FILL_ASYNC 1
#define RING_STATUS     2

int main(void)
{
    const char message[] = "filled at interrupt level";
    char back[32] = { 0 };
    int fills = 0, bad = 0;
    /* The asynchronous buffer outlives the ioctl that attaches it: heap memory, as a driver's
       user would use. */
    char *async = calloc(1, 17);

    if (mknod("/dev/ring", S_IFCHR | 0600, makedev(42, 0)) != 0)
        return 1;
    int fd = open("/dev/ring", O_RDWR);
    if (fd < 0) {
        perror("open /dev/ring");
        return 1;
    }
    bad += write(fd, message, strlen(message)) != (long)strlen(message);
    bad += ioctl(fd, RING_FILL_ASYNC, async) != 0;
    aixsim_device_interrupt(5);
    printf("after the interrupt: \"%s\"\n", async);
    bad += ioctl(fd, RING_STATUS, &fills) != 0 || fills != 1;
    bad += read(fd, back, sizeof back) != (long)strlen(message);
    printf("read back: \"%s\"\n", back);
    bad += ioctl(fd, RING_STATUS, (int *)0xF100000040000000UL) != -1 || errno != EFAULT;
    bad += close(fd) != 0;
    free(async);
    return bad;
}
