/* <sys/ioctl.h> for a 64-bit AIX user program: ioctl and AIX's (BSD-style) command encoding. */
#ifndef AIXSIM_USER_SYS_IOCTL_H
#define AIXSIM_USER_SYS_IOCTL_H

#define IOCPARM_MASK 0x7f
#define IOC_VOID     0x20000000
#define IOC_OUT      0x40000000
#define IOC_IN       0x80000000
#define IOC_INOUT    (IOC_IN | IOC_OUT)
#define _IO(x, y)       (IOC_VOID | ((x) << 8) | (y))
#define _IOR(x, y, t)   (IOC_OUT | ((sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOW(x, y, t)   (IOC_IN | ((sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOWR(x, y, t)  (IOC_INOUT | ((sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))

int ioctl(int fd, int cmd, ...);

#endif
