/* expect: findings xmalloc-leak */
/* xmalloc called with no <sys/malloc.h>, declared old-style as pre-ANSI AIX code did (an
   implicit int would truncate the pointer, on AIX too): the leak's record names this kext's
   function, not the stub that bound the call. */
#include <sys/types.h>
#include <sys/device.h>

extern char *xmalloc();
extern char *aixsim_kernel_heap();

static char *kept;

__attribute__((noinline)) static void keep_one(void)
{
    kept = xmalloc(100, 4, aixsim_kernel_heap());
}

int implicit_leak_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        keep_one();
    return 0;
}
