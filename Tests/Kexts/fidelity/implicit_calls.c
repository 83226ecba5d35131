/* expect: ok */
/* Written as AIX engineers wrote kexts: services called without their headers (implicitly
   declared, bound at link time on AIX), K&R definitions, an int event word. */
#include <sys/types.h>
#include <sys/device.h>

static int event = -1;

static int
grab(size, where)
    long size;
    unsigned long *where;
{
    return vm_galloc(1, size, where);
}

int
implicit_calls_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    unsigned long a = 0;
    int rc;

    if (cmd != CFG_INIT)
        return 0;
    rc = grab(4096L, &a);
    printf("implicit vm_galloc: %d\n", rc);
    if (rc == 0)
        rc = vm_gfree(a, 4096L);
    e_wakeup(&event);
    return rc;
}
