/* <sys/sysmacros.h>: device numbers of the 64-bit kernel (dev_t is 64 bits, major above 32). */
#ifndef AIXSIM_SYS_SYSMACROS_H
#define AIXSIM_SYS_SYSMACROS_H

#include <sys/types.h>

#define major64(d)       ((unsigned int)((unsigned long)(d) >> 32))
#define minor64(d)       ((unsigned int)((unsigned long)(d) & 0xffffffffUL))
#define makedev64(m, n)  (((unsigned long)(m) << 32) | ((unsigned long)(n) & 0xffffffffUL))
#define major(d)         major64(d)
#define minor(d)         minor64(d)
#define makedev(m, n)    makedev64(m, n)

#endif
