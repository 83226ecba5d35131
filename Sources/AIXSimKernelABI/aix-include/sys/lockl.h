/* <sys/lockl.h>: conventional locks, lockl and unlockl, with their flags and results (AIX 5.3
   values). */
#ifndef AIXSIM_SYS_LOCKL_H
#define AIXSIM_SYS_LOCKL_H

#include <sys/lock_def.h>

#define LOCK_SHORT  0     /* wait without being interruptible */
#define LOCK_NDELAY 1     /* do not wait */
#define LOCK_SIGWAKE 2    /* a signal ends the wait */
#define LOCK_SIGRET 4

#define LOCK_SUCC   0
#define LOCK_NEST   1
#define LOCK_FAIL   (-1)
#define LOCK_SIG    (-2)

#undef AIXSIM_WANT_sys_lockl
#define AIXSIM_WANT_sys_lockl(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_lockl
#define AIXSIM_WANT_sys_lockl(x)

#endif
