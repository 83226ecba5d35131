/* <errno.h> for a 64-bit AIX user program: AIX's error numbers and the errno a failed call sets. */
#ifndef AIXSIM_USER_ERRNO_H
#define AIXSIM_USER_ERRNO_H

/* The numbers are the kernel's (AIX 5.3 values); without _KERNEL the header declares nothing else. */
#include "../aix-include/sys/errno.h"

extern int errno;

#endif
