/* expect: crash dsi */
/* A destructor stores through NULL when the kext is unloaded: the run before it still reports. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/vmuser.h>

/* Volatile, so the compiler cannot prove the store faults and drop the function. */
static int *volatile nowhere;

__attribute__((destructor)) static void ct_dtor_teardown(void)
{
    *nowhere = 1;
}

int ct_dtor_fault_entry(int cmd, struct uio *uiop)
{
    ulong a;
    if (cmd == CFG_INIT && vm_galloc(V_WORKING, 4096, &a) == 0)
        vm_gfree(a, 4096);
    return 0;
}
