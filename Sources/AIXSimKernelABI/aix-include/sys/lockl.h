/* <sys/lockl.h>: lockl/unlockl results and flags (AIX 5.3 values); lockl itself is not
   implemented here (see <sys/lock_def.h>). */
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

#endif
