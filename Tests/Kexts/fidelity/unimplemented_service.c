/* expect: load-error */
/* privcheck is not implemented: <sys/priv.h> gives the privilege numbers, and a call (implicitly
   declared, as old AIX code often left it) is refused at load, never run. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/priv.h>

int unimplemented_service_entry(int cmd, struct uio *uiop)
{
    if (privcheck(DEV_CONFIG) != 0)
        return EPERM;
    return 0;
}
