/*
 * bug_alloc_at_interrupt: a classic bug. A timer handler runs at interrupt level and calls
 * vm_galloc, which may only be called from the process environment: it can block, and it can
 * page-fault. On a real machine this may even work for a while; aixsim stops at the call.
 *
 * Try: aixsim load bug_alloc_at_interrupt --run-for 20ms
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct trb *timer;
static ulong buffer;

static void refill(struct trb *t)
{
    if (buffer == 0)
        vm_galloc(V_WORKING, 8192, &buffer);   /* the bug: process-only service at INTTIMER */
}

int bug_alloc_at_interrupt_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        pincode(bug_alloc_at_interrupt_entry);
        timer = talloc();
        timer->flags = T_INCINTERVAL;
        timer->timeout.it_value.tv_nsec = 10 * 1000 * 1000;
        timer->func = refill;
        timer->ipri = INTTIMER;
        tstart(timer);
        return 0;
    }
    tstop(timer);
    tfree(timer);
    if (buffer)
        vm_gfree(buffer, 8192);
    return unpincode(bug_alloc_at_interrupt_entry);
}
