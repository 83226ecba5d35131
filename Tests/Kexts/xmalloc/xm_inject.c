/* expect: ok */
/* Ten xmallocs and ten vm_gallocs; prints which failed, for the fault-injection tests. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>
#include <sys/device.h>

static caddr_t p[10];
static ulong r[10];

int xm_inject_entry(int cmd, struct uio *uiop)
{
    int i;
    if (cmd == CFG_INIT) {
        char line[32];
        for (i = 0; i < 10; i++) line[i] = (p[i] = xmalloc(32, 0, kernel_heap)) ? 'x' : '-';
        line[10] = ' ';
        for (i = 0; i < 10; i++) line[11 + i] = vm_galloc(V_WORKING, 4096, &r[i]) == 0 ? 'g' : '-';
        line[21] = 0;
        printf("%s\n", line);
        return 0;
    }
    for (i = 0; i < 10; i++) {
        if (p[i]) xmfree(p[i], kernel_heap);
        if (r[i]) vm_gfree(r[i], 4096);
    }
    return 0;
}
