/*
 * ring: a pinned ring buffer filled by an interrupt handler and drained by process code.
 *
 * CFG_INIT pins the kext's code (pincode) and a page of global memory for the ring (pin),
 * because interrupt-level code may only touch pinned memory, then registers on_interrupt for
 * bus level 3 with i_init. Each interrupt stores one event in the ring at INTCLASS1. CFG_TERM
 * unregisters the handler first, so no interrupt can arrive while it drains the ring and
 * undoes the rest in reverse order.
 *
 * Try: swift run aixsim load ring --interrupt 3x4
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <stdio.h>

#define RING_BYTES 4096
#define SLOTS (RING_BYTES / sizeof(int))

static struct intr device;
static ulong ring;              /* pinned: the handler writes it */
static unsigned head, tail;     /* kext data, pinned with the code by pincode */

static int on_interrupt(struct intr *me)
{
    int *slots = (int *)ring;
    slots[head % SLOTS] = (int)head + 100;
    head++;
    return INTR_SUCC;
}

int ring_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        i_clear(&device);
        while (tail != head) {
            printf("ring: event %d\n", ((int *)ring)[tail % SLOTS]);
            tail++;
        }
        unpin((void *)ring, RING_BYTES);
        vm_gfree(ring, RING_BYTES);
        return unpincode(ring_entry);
    }
    if ((rc = pincode(ring_entry)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, RING_BYTES, &ring)) != 0)
        return rc;
    if ((rc = pin((void *)ring, RING_BYTES)) != 0)
        return rc;
    device.handler = on_interrupt;
    device.bus_type = BUS_PLANAR;
    device.level = 3;
    device.priority = INTCLASS1;
    return i_init(&device) == INTR_SUCC ? 0 : EIO;
}
