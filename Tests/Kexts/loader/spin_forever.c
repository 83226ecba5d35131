/* expect: depends on --data; see below */
/* With --data spin, CFG_INIT spins until the process is signalled, for the test that Ctrl-C
   (SIGINT) or SIGTERM leaves no temporary files behind; without --data it returns 0. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/device.h>
#include <sys/uio.h>

int spin_forever_entry(int cmd, struct uio *uiop)
{
    volatile int forever = 1;
    if (cmd != CFG_INIT || uiop == NULL)
        return 0;
    printf("spinning\n");
    while (forever)
        ;
    return 0;
}
