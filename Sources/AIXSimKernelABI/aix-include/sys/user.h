/* <sys/user.h>: the services that fetch and store one byte or word of the current user
   process's memory (fubyte, fuword, subyte, suword). aixsim has no u-block to show a kext. */
#ifndef AIXSIM_SYS_USER_H
#define AIXSIM_SYS_USER_H

#include <sys/types.h>
#include <sys/errno.h>
#include <sys/param.h>
#include <sys/signal.h>

#undef AIXSIM_WANT_sys_user
#define AIXSIM_WANT_sys_user(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_user
#define AIXSIM_WANT_sys_user(x)

#endif
