/* expect: crash environment-violation; with --interrupt 3 */
/* Registers an interrupt handler without pinning its code first. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/device.h>

static struct intr h;
static int on_interrupt(struct intr *i) { return INTR_SUCC; }

int unpinned_handler_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) { i_clear(&h); return 0; }
    h.handler = on_interrupt;
    h.level = 3;
    h.priority = INTCLASS1;
    return i_init(&h);
}
