/* <sys/lock_alloc.h>: lock_alloc and lock_free, which bracket a simple or complex lock's life. */
#ifndef AIXSIM_SYS_LOCK_ALLOC_H
#define AIXSIM_SYS_LOCK_ALLOC_H

#include <sys/lock_def.h>

#undef AIXSIM_WANT_sys_lock_alloc
#define AIXSIM_WANT_sys_lock_alloc(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_lock_alloc
#define AIXSIM_WANT_sys_lock_alloc(x)

#endif
