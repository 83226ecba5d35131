/* expect: crash resource-limit; with --output-limit 64K */
/* Prints a 100-byte line a million times (100 MB): the run ends at the output limit, and the
   report keeps the output up to it. */
#include <sys/types.h>
#include <sys/device.h>
#include <stdio.h>

int ct_printf_flood_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        for (int i = 0; i < 1000000; i++)
            printf("line %07d: the quick brown fox jumps over the lazy dog, again and again and again.....\n", i);
    return 0;
}
