/* <sys/trcmacros.h>: trace hooks. aixsim records no system trace, so each macro evaluates its
   arguments (as a trace-on kernel would) and does nothing. */
#ifndef AIXSIM_SYS_TRCMACROS_H
#define AIXSIM_SYS_TRCMACROS_H

#include <sys/trchkid.h>

#define TRCHKL0(hw)                    ((void)(hw))
#define TRCHKL1(hw, a)                 ((void)(hw), (void)(a))
#define TRCHKL2(hw, a, b)              ((void)(hw), (void)(a), (void)(b))
#define TRCHKL3(hw, a, b, c)           ((void)(hw), (void)(a), (void)(b), (void)(c))
#define TRCHKL4(hw, a, b, c, d)        ((void)(hw), (void)(a), (void)(b), (void)(c), (void)(d))
#define TRCHKL5(hw, a, b, c, d, e)     ((void)(hw), (void)(a), (void)(b), (void)(c), (void)(d), (void)(e))
#define TRCHK(hw)                      TRCHKL0(hw)
#define TRCHKT(hw)                     TRCHKL0(hw)
#define TRCHKGT(hw, a, b, c, d, e)     TRCHKL5(hw, a, b, c, d, e)
#define TRCHKLT(hw, a)                 TRCHKL1(hw, a)
/* The time-stamped forms (AIX 5.3 <sys/trcmacros.h>: TRCHKLnT), traced no-ops like the rest. */
#define TRCHKL0T(hw)                   TRCHKL0(hw)
#define TRCHKL1T(hw, a)                TRCHKL1(hw, a)
#define TRCHKL2T(hw, a, b)             TRCHKL2(hw, a, b)
#define TRCHKL3T(hw, a, b, c)          TRCHKL3(hw, a, b, c)
#define TRCHKL4T(hw, a, b, c, d)       TRCHKL4(hw, a, b, c, d)
#define TRCHKL5T(hw, a, b, c, d, e)    TRCHKL5(hw, a, b, c, d, e)
#define TRCGENK(chan, hw, d1, len, buf) ((void)(chan), (void)(hw), (void)(d1), (void)(len), (void)(buf))
#define TRACE_ON(hook)                 0

#endif
