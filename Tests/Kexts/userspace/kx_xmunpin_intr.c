/* expect: crash environment-violation; with --user ../../UserPrograms/kx_xmunpin_intr.json */
/*
 * xmemunpin of user memory from an interrupt handler. AIX allows xmemunpin at interrupt level
 * only for system-space data; a user buffer pinned at the system call must be unpinned in the
 * process environment (the system call that completes the transfer). aixsim stops the run with
 * an environment violation at the call.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/xmem.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct intr device;
static struct xmem user_xd = { .aspace_id = XMEM_INVAL };
static char *user_buffer;
static int wanted;

static int kx_xmunpin_intr_interrupt(struct intr *i)
{
    if (user_xd.aspace_id == XMEM_INVAL)
        return INTR_FAIL;
    xmemunpin(user_buffer, wanted, &user_xd);   /* the bug: user space, interrupt level */
    xmdetach(&user_xd);
    return INTR_SUCC;
}

int kx_xmunpin_intr_start(char *ubuf, int len)
{
    if (xmattach(ubuf, len, &user_xd, USER_ADSPACE) != XMEM_SUCC || xmempin(ubuf, len, &user_xd) != 0) {
        setuerror(EFAULT);
        return -1;
    }
    user_buffer = ubuf;
    wanted = len;
    return 0;
}

int kx_xmunpin_intr_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        pincode((int (*)())kx_xmunpin_intr_interrupt);
        device.handler = kx_xmunpin_intr_interrupt;
        device.level = 5;
        device.priority = INTCLASS3;
        return i_init(&device);
    }
    if (cmd == CFG_TERM) {
        i_clear(&device);
        unpincode((int (*)())kx_xmunpin_intr_interrupt);
        return 0;
    }
    return EINVAL;
}
