/* expect: findings user-expectation; with --user ../../UserPrograms/kx_old.json */
/*
 * A system call exported with the plain `syscall` keyword, which means 32-bit processes only:
 * the 64-bit user process cannot reach it, so its program's expectation is not met.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

int kx_old_call(void)
{
    return 7;
}

int kx_old_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
