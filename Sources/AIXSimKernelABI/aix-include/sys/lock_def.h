/*
 * <sys/lock_def.h>: kernel lock types and constants (AIX 5.3). aixsim implements no lock
 * services yet, so simple_lock, lock_write, … are deliberately undeclared: a call is an
 * implicit-declaration warning at compile time and a refused import naming it at load.
 */
#ifndef AIXSIM_SYS_LOCK_DEF_H
#define AIXSIM_SYS_LOCK_DEF_H

#include <sys/types.h>

typedef long simple_lock_data;
typedef simple_lock_data *simple_lock_t;
typedef long complex_lock_data_t[2];
typedef complex_lock_data_t *complex_lock_t;
typedef int lock_t;

#define LOCK_AVAIL    ((tid_t)-1)  /* a lockl lock nobody holds */
#define SIMPLE_LOCK_AVAIL 0

/* lock_alloc flags */
#define LOCK_ALLOC_PIN   1
#define LOCK_ALLOC_PAGED 2

#endif
