/*
 * <sys/timer.h>: timer request blocks (talloc, tstart, tstop, tfree) and timeout/untimeout.
 * struct trb itself is defined with the kernel-services ABI, which aixsim shares with kexts.
 */
#ifndef AIXSIM_SYS_TIMER_H
#define AIXSIM_SYS_TIMER_H

#include <sys/types.h>

/* t->flags: one of T_INCINTERVAL (relative to now) or T_ABSOLUTE must be set. The numeric
   values are aixsim's; AIX's are not documented. */
#define T_ABSOLUTE    0x1
#define T_INCINTERVAL 0x2
#define T_LOWRES      0x8
#define T_MOVE_OK     0x10
#define T_LATE_OK     0x20

/* Clock ticks per second, for timeout(). */
#define HZ 100

#define func_data t_union.data

typedef struct aixsim_timestruc timestruc_t;
typedef struct aixsim_itimerstruc itimerstruc_t;

#undef AIXSIM_WANT_sys_timer
#define AIXSIM_WANT_sys_timer(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_timer
#define AIXSIM_WANT_sys_timer(x)

#endif
