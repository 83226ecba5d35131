/* expect: crash dsi */
/* Overwrites a slot of its own kernel-services table, which aixsim keeps read-only once bound. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/except.h>

int ct_table_store_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        ((void **)__aixsim_kernel_services)[3] = 0;
    return 0;
}
