/* expect: depends on --data; see below */
/* timeout as AIX's compatibility routine: entries come from timeoutcf, and one (func, arg) may be
   pending only once. --data ok: timeoutcf(2) then two timeouts, both run (outcome ok with
   --run-for 50ms). --data nocf: timeout without timeoutcf (crash). --data dup: the same
   (func, arg) twice (crash). */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/uio.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static char mode[8];
static char first[] = "first", second[] = "second";

static void
say(arg)
    caddr_t arg;
{
    printf("%s\n", arg);
}

int
timeout_rules_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM) {
        timeoutcf(-2);
        return unpincode(timeout_rules_entry);
    }
    uiomove(mode, uiop->uio_resid < 7 ? (int)uiop->uio_resid : 7, UIO_WRITE, uiop);
    pincode(timeout_rules_entry);
    if (mode[0] != 'n')
        printf("timeoutcf %d\n", timeoutcf(2));
    timeout(say, first, 1);
    timeout(say, mode[0] == 'd' ? first : second, 2);
    return 0;
}
