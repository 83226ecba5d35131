/* <sys/sysmacros.h> for a 64-bit AIX user program: the kernel's device-number encoding, so a
   number the program makes is the one the driver registered. */
#ifndef AIXSIM_USER_SYS_SYSMACROS_H
#define AIXSIM_USER_SYS_SYSMACROS_H

#include "../../aix-include/sys/sysmacros.h"

#endif
