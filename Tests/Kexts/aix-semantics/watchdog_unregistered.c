/* expect: depends on --data; see below */
/* Watchdog misuse. --data start: w_start without w_init, a crash (the handler would never run).
   --data left: w_init at CFG_INIT and no w_clear at CFG_TERM, a timer-active finding.
   --data twice: w_init of a watchdog already registered, a crash. */
#include <sys/types.h>
#include <sys/watchdog.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <string.h>

static struct watchdog dog;
static char what[16];

static void bark(w) struct watchdog *w; { }

int
watchdog_unregistered_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return unpincode(watchdog_unregistered_entry);
    uiomove(what, uiop->uio_resid < 15 ? (int)uiop->uio_resid : 15, UIO_WRITE, uiop);
    pincode(watchdog_unregistered_entry);
    dog.func = bark;
    dog.restart = 1;
    if (strcmp(what, "start") != 0)
        w_init(&dog);
    if (strcmp(what, "twice") == 0)
        w_init(&dog);
    w_start(&dog);
    w_stop(&dog);
    return 0;
}
