/*
 * <sys/lock_def.h>: kernel lock types and constants (AIX 5.3), and the simple and complex lock
 * services. A lock's storage is a Simple_lock or Complex_lock; the services take its address.
 */
#ifndef AIXSIM_SYS_LOCK_DEF_H
#define AIXSIM_SYS_LOCK_DEF_H

#include <sys/types.h>

typedef long simple_lock_data;
typedef simple_lock_data *simple_lock_t;
typedef long complex_lock_data_t[2];
typedef complex_lock_data_t *complex_lock_t;
typedef int lock_t;
typedef int boolean_t;

/* The storage types AIX code declares its locks with. */
typedef simple_lock_data Simple_lock;
typedef complex_lock_data_t Complex_lock;

#ifndef TRUE
#define TRUE  1
#define FALSE 0
#endif

#define LOCK_AVAIL    ((lock_t)-1)  /* a lockl lock nobody holds */
#define SIMPLE_LOCK_AVAIL 0

/* lock_alloc flags */
#define LOCK_ALLOC_PIN   1
#define LOCK_ALLOC_PAGED 2

#undef AIXSIM_WANT_sys_lock_def
#define AIXSIM_WANT_sys_lock_def(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_lock_def
#define AIXSIM_WANT_sys_lock_def(x)

#endif
