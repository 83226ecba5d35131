/*
 * <sys/timer.h>: timer request blocks (talloc, tstart, tstop, tfree) and timeout/untimeout.
 * struct trb itself is defined with the kernel-services ABI, which aixsim shares with kexts.
 */
#ifndef AIXSIM_SYS_TIMER_H
#define AIXSIM_SYS_TIMER_H

#include <sys/types.h>
/* t->ipri takes <sys/intr.h>'s priorities; kexts that set it include only this header. */
#include <sys/intr.h>

/* t->flags, with AIX 5.3's values (bos530 sys/timer.h). A kext sets T_INCINTERVAL (relative to
   now) or T_ABSOLUTE; with neither, tstart takes the value as relative, which older kexts such
   as OpenAFS's AIX port rely on. The kernel keeps T_PENDING and T_ACTIVE set while the request
   is queued and sets T_COMPLETE once the handler has run. */
#define T_PENDING     0x01
#define T_ACTIVE      0x02
#define T_ABSOLUTE    0x04
#define T_INCINTERVAL 0x10
#define T_COMPLETE    0x20
#define T_MPSAFE      0x40
#define T_LOWRES      0x80

/* Clock ticks per second, for timeout(). */
#define HZ 100

#define func_data    t_union.data
#define t_func_data  t_union.data
#define t_func_sdata t_union.sdata
#define t_func_addr  t_union.addr

typedef struct aixsim_timestruc timestruc_t;
typedef struct aixsim_itimerstruc itimerstruc_t;

#undef AIXSIM_WANT_sys_timer
#define AIXSIM_WANT_sys_timer(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_timer
#define AIXSIM_WANT_sys_timer(x)

#endif
