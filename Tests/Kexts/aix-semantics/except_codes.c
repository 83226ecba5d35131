/* expect: ok */
/* The code setjmpx returns after a kernel storage fault is the one AIX's VMM passes: EFAULT
   for an address with no translation (freed global memory, NULL), EXCEPT_PROT for a store the
   page's protection refuses (the kext's own constants). */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/except.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

static char ro[8] = "ro";
static const char constant[64] = "read-only";

static int
poke(addr, store)
    char *addr;
    int store;
{
    label_t jb;
    int rc;

    if ((rc = setjmpx(&jb)) != 0)
        return rc;
    if (store)
        *(volatile char *)addr = 1;
    else
        rc = *(volatile char *)addr;
    clrjmpx(&jb);
    return 0;
}

int
except_codes_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    ulong region;

    if (cmd == CFG_TERM)
        return 0;
    vm_galloc(V_WORKING, 4096, &region);
    printf("live %d\n", poke((char *)region, 1));
    vm_gfree(region, 4096);
    printf("freed load %d store %d\n", poke((char *)region, 0), poke((char *)region, 1));
    printf("null %d\n", poke((char *)0, 0));
    printf("data %d\n", poke(ro, 1));
    printf("constant %d (EXCEPT_PROT %d)\n", poke((char *)constant, 1), EXCEPT_PROT);
    return 0;
}
