/* expect: crash dsi */
/* A store through a non-canonical pointer with an fs segment override, a form the decoder
   does not take (the segment base is not in the saved context): "unknown address", never 0x0. */
#include <sys/types.h>
#include <sys/device.h>

int ct_noncanonical_fs_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        unsigned long p = 0xF100000000002000UL;
        __asm__ volatile("movq $1, %%fs:(%0)" : : "r"(p) : "memory");
    }
    return 0;
}
