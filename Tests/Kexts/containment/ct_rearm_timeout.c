/* expect: crash resource-limit; with --sim-time-limit 2s */
/* Sleeps on an event nothing will post while a timeout re-arms itself every tick: simulated
   time would run for ever (a livelock); the run ends at the simulated-time limit. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/pin.h>
#include <sys/device.h>

static tid_t never = EVENT_NULL;
static int fired;

static void again(caddr_t arg)
{
    fired++;
    timeout(again, arg, 1);
}

int ct_rearm_timeout_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        pincode(ct_rearm_timeout_entry);
        timeoutcf(1);
        timeout(again, (caddr_t)&fired, 1);
        e_sleep(&never, EVENT_SHORT);
    }
    return 0;
}
