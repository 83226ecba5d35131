/* expect: ok */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>

/* Keeps 4 MB (1024 pages) of global memory across CFG_INIT with only three pages touched, so
   `--inspect` has long runs of untouched pages to summarise. */
static ulong region;
static const vmsize_t region_size = 4 * 1024 * 1024;

int big_region_entry(int cmd, struct uio *uiop)
{
    switch (cmd) {
    case CFG_INIT: {
        if (vm_galloc(V_WORKING, region_size, &region) != 0)
            return ENOMEM;
        volatile char *p = (volatile char *)region;
        p[0] = 1;
        p[500 * 4096] = 2;
        p[1023 * 4096] = 3;
        return 0;
    }
    case CFG_TERM:
        return vm_gfree(region, region_size);
    default:
        return 0;
    }
}
