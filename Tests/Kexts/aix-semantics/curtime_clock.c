/* expect: ok */
/* curtime reads the simulated clock: it moves by exactly what delay slept. */
#include <sys/types.h>
#include <sys/time.h>
#include <sys/timer.h>
#include <sys/device.h>
#include <stdio.h>

int
curtime_clock_entry(int cmd, struct uio *uiop)
{
    timestruc_t before, after;
    long ns;

    if (cmd == CFG_TERM)
        return 0;
    curtime(&before);
    delay(150);
    curtime(&after);
    ns = (after.tv_sec - before.tv_sec) * NS_PER_SEC + (after.tv_nsec - before.tv_nsec);
    printf("elapsed %ld ms, nsec in range %d\n", ns / 1000000, after.tv_nsec >= 0 && after.tv_nsec < NS_PER_SEC);
    return 0;
}
