/* <unistd.h> for a 64-bit AIX user program: the file calls that reach a device driver. */
#ifndef AIXSIM_USER_UNISTD_H
#define AIXSIM_USER_UNISTD_H

#include <sys/types.h>

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
pid_t getpid(void);

#endif
