/* <fcntl.h> for a 64-bit AIX user program: open and AIX's flag values. A device is opened by
   the path of a special file the program made with mknod (<sys/stat.h>), as AIX's configure
   methods make /dev entries. */
#ifndef AIXSIM_USER_FCNTL_H
#define AIXSIM_USER_FCNTL_H

#include <sys/types.h>

#define O_RDONLY   0x00000000
#define O_WRONLY   0x00000001
#define O_RDWR     0x00000002
#define O_ACCMODE  0x00000003
#define O_NONBLOCK 0x00000004
#define O_APPEND   0x00000008
#define O_CREAT    0x00000100
#define O_TRUNC    0x00000200
#define O_EXCL     0x00000400
#define O_NOCTTY   0x00000800

int open(const char *path, int oflag, ...);

#endif
