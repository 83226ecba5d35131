/* <sys/lock_alloc.h>: lock_alloc's lock classes. The services themselves are not implemented
   here (see <sys/lock_def.h>). */
#ifndef AIXSIM_SYS_LOCK_ALLOC_H
#define AIXSIM_SYS_LOCK_ALLOC_H

#include <sys/lock_def.h>

#endif
