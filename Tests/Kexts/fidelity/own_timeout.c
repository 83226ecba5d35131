/* expect: ok */
/* Defines its own timeout, as OpenAFS does: the kext's function, not the kernel's, is called,
   even with <sys/timer.h> (which declares the service) included. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/errno.h>

static int own_calls;

void timeout(void (*func)(caddr_t), caddr_t arg, int ticks)
{
    own_calls += ticks;
}

static void never(caddr_t arg) {}

int own_timeout_entry(int cmd, struct uio *uiop)
{
    own_calls = 0;
    timeout(never, 0, 7);
    return own_calls == 7 ? 0 : EIO;
}
