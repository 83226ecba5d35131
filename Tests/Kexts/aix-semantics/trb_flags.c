/* expect: ok */
/* struct trb as AIX 5.3's 64-bit kernel lays it out, its T_* flags, and what tstart and the
   timer code do with them: pending and active while queued, complete once the handler ran.
   The second timer is started with flags 0, as OpenAFS's AIX port does: a relative timeout. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stddef.h>
#include <stdio.h>

static struct trb *t;
static tid_t done = EVENT_NULL;
static int seen_in_handler;

static void
expired(tp)
    register struct trb *tp;
{
    seen_in_handler = tp->flags;
    e_wakeup(&done);
}

static int
sleep_on(msec, flags)
    int msec, flags;
{
    t->flags = flags;
    t->timeout.it_value.tv_sec = 0;
    t->timeout.it_value.tv_nsec = msec * 1000000L;
    t->func = expired;
    t->ipri = INTTIMER;
    tstart(t);
    printf("queued 0x%x\n", t->flags);
    e_sleep(&done, EVENT_SHORT);
    printf("handler saw 0x%x, after 0x%x\n", seen_in_handler, t->flags);
    return 0;
}

int
trb_flags_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return unpincode(trb_flags_entry);
    pincode(trb_flags_entry);
    printf("size %d to_next %d knext %d flags %d eventlist %d/%d timeout %d func %d ipri %d tof %d\n",
           (int)sizeof(struct trb), (int)offsetof(struct trb, to_next), (int)offsetof(struct trb, knext),
           (int)offsetof(struct trb, flags), (int)offsetof(struct trb, eventlist),
           (int)sizeof(((struct trb *)0)->eventlist), (int)offsetof(struct trb, timeout),
           (int)offsetof(struct trb, func), (int)offsetof(struct trb, ipri), (int)offsetof(struct trb, tof));
    printf("T_PENDING %x T_ACTIVE %x T_ABSOLUTE %x T_INCINTERVAL %x T_COMPLETE %x T_MPSAFE %x T_LOWRES %x\n",
           T_PENDING, T_ACTIVE, T_ABSOLUTE, T_INCINTERVAL, T_COMPLETE, T_MPSAFE, T_LOWRES);
    t = talloc();
    sleep_on(30, T_INCINTERVAL);
    sleep_on(20, 0);
    tstop(t);
    printf("stopped 0x%x\n", t->flags);
    tfree(t);
    return 0;
}
