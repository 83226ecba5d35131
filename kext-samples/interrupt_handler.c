/*
 * interrupt_handler: a device driver's interrupt path, done the AIX way.
 *
 * CFG_INIT pins the driver's code (pincode) and a page of global memory for its ring buffer
 * (interrupt-level code may only touch pinned memory), then registers a handler for bus
 * level 5 with i_init. Each interrupt records one entry in the ring at INTCLASS2 and schedules
 * an off-level handler (i_sched) that does the slower work at INTOFFL1.
 * CFG_TERM undoes everything: i_clear, unpin, vm_gfree, unpincode.
 *
 * Try: aixsim load interrupt_handler --interrupt 5x3
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

#define RING_BYTES 4096

static struct intr device, offlevel;
static ulong ring;          /* pinned global memory the handler writes */
static int taken, processed;

static int drain_ring(struct intr *unused)
{
    while (processed < taken) {
        int *slot = (int *)ring + processed % (RING_BYTES / sizeof(int));
        printf("off-level: event %d processed (pid %ld)\n", *slot, (long)getpid());
        processed++;
    }
    return INTR_SUCC;
}

static int on_interrupt(struct intr *me)
{
    int *slot = (int *)ring + taken % (RING_BYTES / sizeof(int));
    *slot = taken + 1;
    taken++;
    i_sched(&offlevel);
    return INTR_SUCC;
}

int interrupt_handler_entry(int cmd, struct uio *uiop)
{
    int rc;
    switch (cmd) {
    case CFG_INIT:
        if ((rc = pincode(interrupt_handler_entry)) != 0)
            return rc;
        if ((rc = vm_galloc(V_WORKING, RING_BYTES, &ring)) != 0)
            return rc;
        if ((rc = pin((void *)ring, RING_BYTES)) != 0)
            return rc;
        device.handler = on_interrupt;
        device.bus_type = BUS_PLANAR;
        device.level = 5;
        device.priority = INTCLASS2;
        INIT_OFFL1(&offlevel, drain_ring, 0);
        return i_init(&device) == INTR_SUCC ? 0 : EIO;
    case CFG_TERM:
        printf("%d interrupts taken, %d processed\n", taken, processed);
        i_clear(&device);
        unpin((void *)ring, RING_BYTES);
        vm_gfree(ring, RING_BYTES);
        return unpincode(interrupt_handler_entry);
    default:
        return EINVAL;
    }
}
