/* <sys/stat.h> for a 64-bit AIX user program: mknod, to make a device's special file. */
#ifndef AIXSIM_USER_SYS_STAT_H
#define AIXSIM_USER_SYS_STAT_H

#include <sys/types.h>

#define S_IFMT  0170000
#define S_IFCHR 0020000
#define S_IFBLK 0060000
#define S_IFREG 0100000

int mknod(const char *path, int mode, dev_t dev);

#endif
