/* expect: ok; with --real-memory 16K */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>

/* Writes a pattern to 32 pages, more than real memory holds in the test, then checks every
   byte it wrote: the pages went to paging space and came back intact. */
int paging_roundtrip_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    if (cmd != 1)
        return 0;
    if (vm_galloc(V_WORKING, 32 * 4096, &ea) != 0)
        return ENOMEM;
    volatile unsigned char *p = (volatile unsigned char *)ea;
    for (int i = 0; i < 32; i++) {
        p[i * 4096] = (unsigned char)(i + 1);
        p[i * 4096 + 4095] = (unsigned char)(200 - i);
    }
    for (int i = 0; i < 32; i++)
        if (p[i * 4096] != (unsigned char)(i + 1) || p[i * 4096 + 4095] != (unsigned char)(200 - i))
            return EIO;
    return vm_gfree(ea, 32 * 4096);
}
