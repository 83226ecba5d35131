/* expect: ok */
/* Compiles with a warning (an int for %s), as AIX's compiler also warned; it still loads, and
   never executes the bad printf. */
#include <sys/types.h>
#include <stdio.h>

int format_warning_entry(int cmd, struct uio *uiop)
{
    if (cmd == 12345)
        printf("%s\n", 42);
    return 0;
}
