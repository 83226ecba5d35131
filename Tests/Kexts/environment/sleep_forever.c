/* expect: crash watchdog */
/* Wakes before it sleeps: the wakeup is lost and nothing else can wake the thread. */
#include <sys/types.h>
#include <sys/sleep.h>
#include <sys/device.h>

static tid_t word = EVENT_NULL;

int sleep_forever_entry(int cmd, struct uio *uiop)
{
    if (cmd != CFG_INIT) return 0;
    e_wakeup(&word);
    e_sleep(&word, EVENT_SHORT);
    return 0;
}
