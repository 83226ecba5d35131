/* <sys/time.h>: time values. struct timestruc_t is the kernel's (seconds, nanoseconds). */
#ifndef AIXSIM_SYS_TIME_H
#define AIXSIM_SYS_TIME_H

#include <sys/types.h>

struct timeval {
    time_t tv_sec;
    int tv_usec;
};

typedef struct aixsim_timestruc timestruc_t;
typedef struct aixsim_itimerstruc itimerstruc_t;

#define NS_PER_SEC 1000000000
#define uS_PER_SECOND 1000000
#define NS_PER_uS 1000

#undef AIXSIM_WANT_sys_time
#define AIXSIM_WANT_sys_time(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_time
#define AIXSIM_WANT_sys_time(x)

#endif
