/* <sys/conf.h>: the device switch a driver registers with devswadd (declared in <sys/device.h>),
   and its option bits. */
#ifndef AIXSIM_SYS_CONF_H
#define AIXSIM_SYS_CONF_H

#include <sys/types.h>

/* struct devsw is the kernel-services ABI's (aixsim_kernel_abi.h), shared with devswadd. */

#define DEV_DEFINED   0x1
#define DEV_MPSAFE    0x2

#endif
