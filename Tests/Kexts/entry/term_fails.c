/* expect: findings term-failed */
/* CFG_INIT succeeds and CFG_TERM fails: the unload is a finding, not a crash. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int term_fails_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_TERM ? EBUSY : 0;
}
