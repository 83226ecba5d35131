/* expect: crash host-trap */
/* Divides by zero: POWER's divide gives an undefined result, the host traps; reported as such. */
#include <sys/types.h>
#include <sys/device.h>

static volatile int zero;

int ct_divide_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        return 100 / zero;
    return 0;
}
