/* expect: crash dsi; with --run-for 1ms */
/* A timer handler touching global memory: pinned when --data is "pin", else pageable. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct trb *t;
static ulong region;

static void handler(struct trb *me)
{
    ((volatile int *)region)[1] = 7;
    printf("handler wrote %d\n", ((int *)region)[1]);
}

int interrupt_touch_entry(int cmd, struct uio *uiop)
{
    char mode[8] = {0};
    if (cmd == CFG_TERM) {
        tfree(t);
        unpincode(interrupt_touch_entry);
        return vm_gfree(region, 4096);
    }
    if (uiop) uiomove(mode, 3, UIO_WRITE, uiop);
    pincode(interrupt_touch_entry);
    vm_galloc(V_WORKING, 4096, &region);
    ((int *)region)[1] = 1;          /* resident now */
    if (mode[0] == 'p') pin((void *)region, 4096);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = handler;
    t->ipri = INTTIMER;
    tstart(t);
    return 0;
}
