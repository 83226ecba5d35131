/* expect: ok; with --interrupt 3 --run-for 30ms */
/* Every kind of kext code the kernel calls on its own, each on a line the tests find by its text:
   a device interrupt handler that schedules off-level work, a trb timer, a timeout, and a DSI
   delivered to a setjmpx context. The timeline names each by file:line. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/except.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/vmuser.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct intr device;
static struct intr work;
static struct trb *timer;
static int events;

static int on_offlevel(struct intr *ip)
{
    events++;
    return INTR_SUCC;
}

static int on_device(struct intr *ip)
{
    i_sched(&work);
    return INTR_SUCC;
}

static void on_timer(struct trb *t)
{
    events++;
}

static void on_timeout(caddr_t arg)
{
    events++;
}

static int probe(ulong address)
{
    label_t context;
    int rc = setjmpx(&context);
    if (rc != 0)
        return rc;
    rc = *(volatile char *)address; /* the faulting load */
    clrjmpx(&context);
    return 0;
}

int timeline_sources_entry(int cmd, struct uio *uiop)
{
    ulong region;
    if (cmd == CFG_TERM) {
        i_clear(&device);
        tstop(timer);
        tfree(timer);
        return unpincode(timeline_sources_entry);
    }
    pincode(timeline_sources_entry);
    vm_galloc(V_WORKING, 4096, &region);
    vm_gfree(region, 4096);
    if (probe(region) != EFAULT)
        return EINVAL;
    INIT_OFFL1(&work, on_offlevel, 0);
    device.handler = on_device;
    device.level = 3;
    device.priority = INTCLASS1;
    i_init(&device);
    timer = talloc();
    timer->timeout.it_value.tv_sec = 0;
    timer->timeout.it_value.tv_nsec = 10 * 1000 * 1000;
    timer->func = on_timer;
    timer->ipri = INTTIMER;
    tstart(timer);
    timeoutcf(1);
    timeout(on_timeout, 0, 2);
    return 0;
}
