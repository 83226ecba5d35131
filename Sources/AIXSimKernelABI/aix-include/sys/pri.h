/* <sys/pri.h>: process scheduling priorities (AIX 5.3 values); smaller is more favoured. */
#ifndef AIXSIM_SYS_PRI_H
#define AIXSIM_SYS_PRI_H

#define PMASK     0x7f   /* priority bits of a sleep priority */
#define PCATCH    0x100  /* a signal ends the sleep */
#define PSWP      0
#define PINOD     18
#define PRIBIO    20
#define PZERO     25
#define PPIPE     26
#define PMSG      27
#define PRIUSER   40     /* the base user priority */
#define PIDLE     127
#define PUSER     PRIUSER
#define PWAIT     PZERO
#define PSLEP     PZERO
#define PRI_SCHED 16

#endif
