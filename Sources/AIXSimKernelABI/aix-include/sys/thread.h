/* <sys/thread.h>: kernel threads, as far as kexts see them here. */
#ifndef AIXSIM_SYS_THREAD_H
#define AIXSIM_SYS_THREAD_H

#include <sys/types.h>

#undef AIXSIM_WANT_sys_thread
#define AIXSIM_WANT_sys_thread(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_thread
#define AIXSIM_WANT_sys_thread(x)

#endif
