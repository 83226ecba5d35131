/* <sys/pin.h>: pinning memory so it is never paged out (AIX 5.3 values). */
#ifndef AIXSIM_SYS_PIN_H
#define AIXSIM_SYS_PIN_H

#include <sys/types.h>
#include <sys/errno.h>

#define PIN_SUCC      0
#define UNPIN_SUCC    0
#define MEM_INSUFF    ENOMEM
#define UNPIN_UNDERFL EINVAL
#define MEM_INVAL     EINVAL

#undef AIXSIM_WANT_sys_pin
#define AIXSIM_WANT_sys_pin(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_pin
#define AIXSIM_WANT_sys_pin(x)

#endif
