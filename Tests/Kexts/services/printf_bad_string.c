/* expect: crash dsi */
/* Prints one good line, then hands printf a %s pointer into unmapped low memory: the fault
   happens inside printf and is blamed on that call. */
#include <sys/types.h>
#include <stdio.h>

int printf_bad_string_entry(int cmd, struct uio *uiop)
{
    printf("first line is fine\n");
    printf("name: %s\n", (char *)0x40);
    return 0;
}
