/* <sys/atomic_op.h>: atomic updates of one int, for data shared with interrupt handlers. */
#ifndef AIXSIM_SYS_ATOMIC_OP_H
#define AIXSIM_SYS_ATOMIC_OP_H

#include <sys/types.h>

/* AIX's atomic_p is a pointer to the int being updated. */
typedef int *atomic_p;

#undef AIXSIM_WANT_sys_atomic_op
#define AIXSIM_WANT_sys_atomic_op(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_atomic_op
#define AIXSIM_WANT_sys_atomic_op(x)

#endif
