/* xmalloc called with no <sys/malloc.h>: the leak's record names this kext's function, not the
   stub that bound the call. The heap handle comes from the kernel's own export. */
#include <sys/types.h>
#include <sys/device.h>

static char *kept;

__attribute__((noinline)) static void keep_one(void)
{
    kept = (char *)xmalloc(100, 4, aixsim_kernel_heap());
}

int implicit_leak_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        keep_one();
    return 0;
}
