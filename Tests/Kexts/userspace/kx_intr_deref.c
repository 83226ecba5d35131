/* expect: crash dsi; with --user ../../UserPrograms/kx_intr_deref.json */
/*
 * A driver that keeps the user's buffer address from its system call and has its interrupt
 * handler store into it directly. On AIX an interrupt handler runs in no process's address
 * space: the user segment is not there, and the store is a DSI (xmattach plus xmemout is the
 * way). aixsim closes the user memory while the handler runs, so the store faults.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct intr device;
static char *user_buffer;

static int kx_intr_deref_interrupt(struct intr *i)
{
    if (user_buffer)
        user_buffer[0] = 'X';   /* BUG: a user address, outside any process context */
    return INTR_SUCC;
}

int kx_intr_deref_arm(char *ubuf)
{
    user_buffer = ubuf;
    return 0;
}

int kx_intr_deref_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        pincode((int (*)())kx_intr_deref_interrupt);
        device.handler = kx_intr_deref_interrupt;
        device.level = 5;
        device.priority = INTCLASS3;
        return i_init(&device);
    }
    if (cmd == CFG_TERM) {
        i_clear(&device);
        unpincode((int (*)())kx_intr_deref_interrupt);
        return 0;
    }
    return EINVAL;
}
