#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int init_fails_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT ? EBUSY : 0;
}
