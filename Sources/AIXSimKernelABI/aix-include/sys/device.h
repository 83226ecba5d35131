/* <sys/device.h>: configuration commands passed to a kext's entry point, and the device switch
   table (struct devsw, devswadd/devswdel/devswqry), with AIX 5.3's values. */
#ifndef AIXSIM_SYS_DEVICE_H
#define AIXSIM_SYS_DEVICE_H

#include <sys/types.h>

#define CFG_INIT       0x1
#define CFG_TERM       0x2
#define CFG_QVPD       0x3
#define CFG_UCODE      0x4
#define CFG_PARTITIONS 0x5
#define CFG_MPIO       0x6

/* struct devsw itself is in the kernel-services ABI header, shared with aixsim. */

/* devswqry's status bits, AIX 5.3's (checked against its <sys/device.h>). aixsim's devswqry
   sets DSW_DEFINED, DSW_OPENED, and DSW_CREAD/DSW_CWRITE when the driver gave d_read/d_write. */
#define DSW_UNDEFINED  0x0000
#define DSW_CREAD      0x0001
#define DSW_CWRITE     0x0002
#define DSW_BLOCK      0x0004
#define DSW_TTY        0x0008
#define DSW_SELECT     0x0010
#define DSW_DUMP       0x0020
#define DSW_MPX        0x0040
#define DSW_TCPATH     0x0080
#define DSW_OPENED     0x0100
#define DSW_DEFINED    0x0200
#define DSW_CONSOLE    0x0400
#define DSW_CONFIG     0x0800
#define DSW_MEM        0x1000
#define DSW_LAZYTIMES  0x2000

/* The devflag a driver's d_open and d_ioctl receive: how the file was opened. */
#define DREAD          0x0001
#define DWRITE         0x0002
#define DNDELAY        0x0004

/* Device numbers: the major number picks the devsw entry, the minor one the driver's device. */
#ifndef AIXSIM_CHAN_T
#define AIXSIM_CHAN_T
typedef int chan_t;
#endif
#undef major
#undef minor
#undef makedev
#define makedev(maj, min) ((dev_t)((((unsigned long)(maj) & 0xFFFF) << 16) | ((unsigned long)(min) & 0xFFFF)))
#define major(devno)      ((int)(((unsigned long)(devno) >> 16) & 0xFFFF))
#define minor(devno)      ((int)((unsigned long)(devno) & 0xFFFF))

#undef AIXSIM_WANT_sys_device
#define AIXSIM_WANT_sys_device(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_device
#define AIXSIM_WANT_sys_device(x)

#endif
