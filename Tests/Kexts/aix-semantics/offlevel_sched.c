/* expect: ok */
/* i_sched as AIX does it: INIT_OFFLn sets level INT_OFFLVL; a queued request is marked I_SCHED
   and not queued twice; work scheduled while the priority masks it runs at the i_enable, and
   work scheduled at INTBASE runs at once. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct intr off;
static int ran;

static int
drain(ip)
    struct intr *ip;
{
    ran++;
    return INTR_SUCC;
}

int
offlevel_sched_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    int old;

    if (cmd == CFG_TERM)
        return unpincode(offlevel_sched_entry);
    pincode(offlevel_sched_entry);
    INIT_OFFL1(&off, drain, 0);
    printf("level %d INT_OFFLVL %d\n", off.level, INT_OFFLVL);
    old = i_disable(INTCLASS1);
    i_sched(&off);
    i_sched(&off);
    printf("disabled: flags 0x%x, ran %d\n", off.flags, ran);
    i_enable(old);
    printf("after i_enable: flags 0x%x, ran %d\n", off.flags, ran);
    i_sched(&off);
    printf("at INTBASE: ran %d\n", ran);
#ifdef disable_ints
    printf("disable_ints defined\n");
#endif
    return 0;
}
