/* expect: ok */
/* printf's %p of a pointer into global memory prints its effective address (0xF1…), as the
   AIX kernel's printf would; a pointer outside global memory prints as the host has it, and
   %% stays a literal percent sign. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int printf_pointer_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    if (cmd != CFG_INIT)
        return 0;
    if (vm_galloc(V_WORKING, 4096, &ea) != 0)
        return 1;
    printf("region %p, +16 %p\n", (void *)ea, (void *)(ea + 16));
    printf("[%20p] 100%%p %d\n", (void *)ea, 7);
    printf("null %p\n", (void *)0);
    return vm_gfree(ea, 4096);
}
