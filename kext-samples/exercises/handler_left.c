/* expect: findings interrupt-handler; with --interrupt 4 */
/*
 * Exercise handler_left: a driver registers an interrupt handler for bus level 4 and counts
 * interrupts. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/handler_left.c --interrupt 4
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <stdio.h>

static struct intr device;
static int interrupts;

static int on_interrupt(struct intr *me)
{
    interrupts++;
    return INTR_SUCC;
}

int handler_left_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        printf("%d interrupts\n", interrupts);
        return unpincode(handler_left_entry);
    }
    pincode(handler_left_entry);
    device.handler = on_interrupt;
    device.bus_type = BUS_PLANAR;
    device.level = 4;
    device.priority = INTCLASS1;
    return i_init(&device) == INTR_SUCC ? 0 : EIO;
}
