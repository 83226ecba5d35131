/* <sys/intr.h>: interrupt priorities, struct intr and the interrupt services (AIX 5.3 values). */
#ifndef AIXSIM_SYS_INTR_H
#define AIXSIM_SYS_INTR_H

#include <sys/types.h>

/* Priorities: smaller is more favoured; a priority disables itself and everything less favoured. */
#define INTMAX    0
#define INTEPOW   INTMAX
#define INTCLASS0 1
#define INTCLIST  INTCLASS0
#define INTCLASS1 2
#define INTCLASS2 3
#define INTCLASS3 4
#define INTTIMER  5
#define INTOFFL0  6
#define INTOFFL1  7
#define INTOFFL2  8
#define INTOFFL3  9
#define INTIODONE 10
#define INTOFFLVL INTIODONE
#define INTPAGER  INTIODONE
#define INTDRMEM  INTIODONE
#define INTBASE   11
#define NUM_INTR_PRIORITY 12

/* Handler results. */
#define INTR_SUCC 0
#define INTR_FAIL (-1)

/* struct intr flags. */
#define INTR_NOT_SHARED 0x1
#define INTR_MPSAFE     0x10
#define INTR_EDGE       0x20
#define INTR_LEVEL      0x40

/* Bus types. */
#define BUS_NONE   0
#define BUS_PLANAR 2
#define BUS_60X    3
#define BUS_BID    4

/* The kernel's mark in flags of a struct intr that i_sched queued and has not yet run. */
#define I_SCHED 0x8000

/* The bus level of off-level requests. */
#define INT_OFFLVL 63
/* The timer's bus interrupt level on POWER RS machines (bos412 sys/POWER/m_intr.h: 62). A level,
   not a priority: old kexts that put it in t->ipri have tstart refuse it. */
#define INT_TIMLVL 62

/* Fills in an off-level handler's struct intr for i_sched (AIX 5.3: level INT_OFFLVL). */
#define INIT_OFFL0(p, fcn, b) { (p)->next = 0; (p)->handler = (fcn); (p)->bus_type = BUS_NONE; \
                                (p)->flags = 0; (p)->level = INT_OFFLVL; (p)->priority = INTOFFL0; \
                                (p)->bid = (b); }
#define INIT_OFFL1(p, fcn, b) { INIT_OFFL0(p, fcn, b); (p)->priority = INTOFFL1; }
#define INIT_OFFL2(p, fcn, b) { INIT_OFFL0(p, fcn, b); (p)->priority = INTOFFL2; }
#define INIT_OFFL3(p, fcn, b) { INIT_OFFL0(p, fcn, b); (p)->priority = INTOFFL3; }

/* Only for the base kernel in AIX 5.3 (__64BIT_KERNEL and _KERNSYS); kernel extensions use
   i_disable/i_enable or disable_lock. */
#ifdef _KERNSYS
#define disable_ints()  i_disable(INTMAX)
#define enable_ints(p)  i_enable(p)
#endif

#undef AIXSIM_WANT_sys_intr
#define AIXSIM_WANT_sys_intr(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_intr
#define AIXSIM_WANT_sys_intr(x)

#endif
