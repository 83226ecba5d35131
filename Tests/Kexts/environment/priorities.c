/* expect: ok */
/* i_disable returns the old priority and never lowers it; i_enable restores. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/device.h>
#include <stdio.h>

int priorities_entry(int cmd, struct uio *uiop)
{
    if (cmd != CFG_INIT)
        return 0;
    int base = i_disable(INTCLASS1);      /* INTBASE -> INTCLASS1 */
    int class1 = i_disable(INTTIMER);     /* less favoured: stays INTCLASS1 */
    int still = i_disable(INTMAX);        /* INTCLASS1 -> INTMAX */
    i_enable(still);                      /* back to INTCLASS1 */
    i_enable(base);                       /* back to INTBASE */
    printf("%d %d %d\n", base, class1, still);
    return 0;
}
