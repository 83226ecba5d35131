/* <sys/sysmacros.h> for a 64-bit AIX user program: device numbers packed as aixsim's kernel
   packs them for its drivers (<sys/device.h>: major and minor 16 bits each), so the number a
   program gives mknod is the one the driver registered with devswadd. */
#ifndef AIXSIM_USER_SYS_SYSMACROS_H
#define AIXSIM_USER_SYS_SYSMACROS_H

#include <sys/types.h>

#define makedev(maj, min) ((dev_t)((((unsigned long)(maj) & 0xFFFF) << 16) | ((unsigned long)(min) & 0xFFFF)))
#define major(d)          ((unsigned int)(((unsigned long)(d) >> 16) & 0xFFFF))
#define minor(d)          ((unsigned int)((unsigned long)(d) & 0xFFFF))

#endif
