/* expect: crash environment-violation */
/* e_sleep with interrupts disabled: on a stack word (not pinned), or on a pinned global word
   when --data is "pin". Nothing will wake it either way. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/vmuser.h>
#include <sys/intr.h>
#include <sys/sleep.h>
#include <sys/pin.h>
#include <sys/device.h>

int sleep_disabled_entry(int cmd, struct uio *uiop)
{
    char mode[4] = {0};
    tid_t on_stack = EVENT_NULL;
    ulong page;
    if (cmd != CFG_INIT) return 0;
    if (uiop) uiomove(mode, 3, UIO_WRITE, uiop);
    vm_galloc(V_WORKING, 4096, &page);
    pin((void *)page, 4096);
    *(tid_t *)page = EVENT_NULL;
    int old = i_disable(INTCLASS1);
    e_sleep(mode[0] == 'p' ? (tid_t *)page : &on_stack, EVENT_SHORT);
    i_enable(old);
    return 0;
}
