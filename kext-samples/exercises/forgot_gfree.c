/* expect: findings leak */
/*
 * Exercise forgot_gfree: a driver takes a command region and a status region of global memory
 * at CFG_INIT and gives back what it took at CFG_TERM. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/forgot_gfree.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>

static ulong commands, status;

int forgot_gfree_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM)
        return vm_gfree(commands, 8192);
    if ((rc = vm_galloc(V_WORKING, 8192, &commands)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, 100, &status)) != 0)
        return rc;
    *(int *)status = 1;
    return 0;
}
