/* expect: ok */
/* A watchdog as a driver keeps one around each I/O: started for `restart` seconds, stopped when
   the I/O completes, restarted when it makes progress, cleared before unload. The handler runs
   only for the start nobody stopped, and for the restarted one, restart seconds after it. */
#include <sys/types.h>
#include <sys/watchdog.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <sys/timer.h>
#include <stdio.h>

static struct watchdog dog;
static int barks;

static void
bark(w)
    struct watchdog *w;
{
    barks++;
    printf("bark %d: count %lu, pid %ld\n", barks, w->count, (long)getpid());
}

int
watchdog_timers_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return unpincode(watchdog_timers_entry);
    pincode(watchdog_timers_entry);

    dog.next = dog.prev = NULL;
    dog.func = bark;
    dog.restart = 2;
    dog.count = 0;
    printf("w_init %d\n", w_init(&dog));

    w_start(&dog);                      /* nobody stops it: barks 2 s later */
    printf("started: count %lu\n", dog.count);
    delay(300);
    printf("after 3 s: barks %d, count %lu\n", barks, dog.count);

    w_start(&dog);                      /* the I/O completes after 1 s */
    delay(100);
    w_stop(&dog);
    delay(300);
    printf("stopped: barks %d, count %lu\n", barks, dog.count);

    w_start(&dog);                      /* progress after 1.5 s restarts it */
    delay(150);
    w_start(&dog);
    delay(300);
    printf("restarted: barks %d\n", barks);

    w_start(&dog);                      /* cleared while started */
    delay(100);
    printf("w_clear %d\n", w_clear(&dog));
    delay(300);
    printf("cleared: barks %d, next %p\n", barks, (void *)dog.next);
    return 0;
}
