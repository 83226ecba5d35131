/* <sys/sleep.h>: e_sleep and e_wakeup on an event word. */
#ifndef AIXSIM_SYS_SLEEP_H
#define AIXSIM_SYS_SLEEP_H

#include <sys/types.h>

/* An event word nobody waits on. */
#define EVENT_NULL (-1)
/* e_sleep results: woken by e_wakeup, or by a signal (aixsim sends none). */
#define EVENT_SUCC 1
#define EVENT_SIG  0
/* e_sleep flags. The numeric values are aixsim's; AIX's are not documented. */
#define EVENT_SHORT   0x0
#define EVENT_SIGWAKE 0x1
#define EVENT_SIGRET  0x2

#undef AIXSIM_WANT_sys_sleep
#define AIXSIM_WANT_sys_sleep(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_sleep
#define AIXSIM_WANT_sys_sleep(x)

#endif
