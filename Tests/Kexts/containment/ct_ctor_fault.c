/* expect: crash dsi */
/* A constructor, run by the dynamic loader before the entry point, stores through NULL. */
#include <sys/types.h>
#include <sys/device.h>

/* Volatile, so the compiler cannot prove the store faults and drop the function. */
static int *volatile nowhere;

__attribute__((constructor)) static void ct_ctor_setup(void)
{
    *nowhere = 1;
}

int ct_ctor_fault_entry(int cmd, struct uio *uiop)
{
    return 0;
}
