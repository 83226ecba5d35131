/* expect: entry-failed */
/* CFG_INIT fails with EBUSY; AIX then calls no CFG_TERM. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int init_fails_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT ? EBUSY : 0;
}
