/* <sys/device.h>: configuration commands passed to a kext's entry point (AIX 5.3 values). */
#ifndef AIXSIM_SYS_DEVICE_H
#define AIXSIM_SYS_DEVICE_H

#include <sys/types.h>

#define CFG_INIT       0x1
#define CFG_TERM       0x2
#define CFG_QVPD       0x3
#define CFG_UCODE      0x4
#define CFG_PARTITIONS 0x5
#define CFG_MPIO       0x6

#endif
