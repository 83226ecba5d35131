/* <sys/sleep.h>: e_sleep and e_wakeup on an event word. */
#ifndef AIXSIM_SYS_SLEEP_H
#define AIXSIM_SYS_SLEEP_H

#include <sys/types.h>

/* Values as AIX 5.3's <sys/sleep.h> has them. The event word anchors the list of sleeping
   threads: EVENT_NULL when nobody waits, something else while a thread sleeps on it. */
#define EVENT_NULL (-1)
/* e_sleep results: woken by e_wakeup, or by a signal (aixsim sends none). */
#define EVENT_SUCC 1
#define EVENT_SIG  0
/* e_sleep flags */
#define EVENT_SHORT   0
#define EVENT_SIGWAKE 2
#define EVENT_SIGRET  4
/* e_sleep_thread flags */
#define INTERRUPTIBLE 1
#define LOCK_HANDLER  2
#define LOCK_READ     4
#define LOCK_SIMPLE   8
#define LOCK_WRITE    16
/* results of e_sleep_thread and e_block_thread; subsystems pass their own from THREAD_OTHER on */
#define THREAD_AWAKENED    1
#define THREAD_TIMED_OUT   2
#define THREAD_INTERRUPTED 4
#define THREAD_OTHER       4096

#undef AIXSIM_WANT_sys_sleep
#define AIXSIM_WANT_sys_sleep(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_sleep
#define AIXSIM_WANT_sys_sleep(x)

#endif
