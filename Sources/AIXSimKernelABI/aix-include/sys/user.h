/*
 * <sys/user.h>: the u-block. aixsim has no user structure to show a kext; the header exists
 * so AIX source that includes it compiles, and declares nothing callable.
 */
#ifndef AIXSIM_SYS_USER_H
#define AIXSIM_SYS_USER_H

#include <sys/types.h>
#include <sys/param.h>
#include <sys/signal.h>

#endif
