/* expect: crash dsi; with --interrupt 3 */
/*
 * Student kext 1, "ring driver": a device's interrupt handler stores each event in a ring the
 * process side drains at unload (course chapter 4, a pinned ring with an interrupt handler). The
 * student pinned the code with pincode, as chapter 3 says, but not the ring the handler writes.
 *
 * Run: swift run aixsim load kext-samples/exercises/student/ring_driver.c --interrupt 3
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

#define RING_BYTES 4096
#define SLOTS (RING_BYTES / sizeof(int))

static struct intr device;
static ulong ring;
static unsigned head, tail;

static int on_interrupt(struct intr *me)
{
    int *slots = (int *)ring;
    slots[head % SLOTS] = (int)head; /* BUG */
    head++;
    return INTR_SUCC;
}

int ring_driver_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        i_clear(&device);
        for (; tail != head; tail++)
            printf("event %d\n", ((int *)ring)[tail % SLOTS]);
        vm_gfree(ring, RING_BYTES);
        return unpincode(ring_driver_entry);
    }
    if ((rc = pincode(ring_driver_entry)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, RING_BYTES, &ring)) != 0)
        return rc;
    device.handler = on_interrupt;
    device.bus_type = BUS_PLANAR;
    device.level = 3;
    device.priority = INTCLASS1;
    return i_init(&device) == INTR_SUCC ? 0 : EIO;
}
