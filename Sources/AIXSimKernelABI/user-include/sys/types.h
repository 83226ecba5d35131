/* <sys/types.h> for a 64-bit AIX user program (LP64: long and pointers are 64 bits). */
#ifndef AIXSIM_USER_SYS_TYPES_H
#define AIXSIM_USER_SYS_TYPES_H

#include <stddef.h>

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned long dev_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef char *caddr_t;

#endif
