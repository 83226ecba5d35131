/* expect: crash dsi */
/* States a crash it never has, so the runner must report it as a failure. */
#include <sys/types.h>
#include <sys/device.h>

int tr_wrong_entry(int cmd, struct uio *uiop)
{
    return 0;
}
