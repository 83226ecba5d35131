/* expect: depends on --data; see below */
/* The names an old data-acquisition driver uses, in its style (timer.h alone for the timer
   levels, errno, time-stamped trace hooks). --data signal: pidsig to the configuring process and
   to a pid nobody has; ok. --data bus: BUSIO_ATT of a Micro Channel bus id, which aixsim cannot
   map: an environment-violation crash saying so. */
#include <sys/errno.h>
#include <sys/types.h>
#include <sys/device.h>
#include <sys/signal.h>
#include <sys/timer.h>
#include <sys/uio.h>
#include <sys/adspace.h>
#include <sys/ioacc.h>
#include <sys/trcmacros.h>
#include <sys/trchkid.h>
#include <stdio.h>

#define UNIMA_BUS_ID 0x820c0020
unsigned int *bus_location;
static char what[16];

int
busio_signal_entry(command, uio)
    int command;
    struct uio *uio;
{
    if (command != CFG_INIT)
        return 0;
    uiomove(what, uio->uio_resid < 15 ? (int)uio->uio_resid : 15, UIO_WRITE, uio);
    TRCHKL0T(HKWD_USER1 + 0x00100000);
    errno = 0;
    printf("INT_TIMLVL %d, INTTIMER %d, errno %d\n", INT_TIMLVL, INTTIMER, errno);
    if (what[0] == 'b') {
        bus_location = (unsigned int *)BUSIO_ATT(UNIMA_BUS_ID, 0);
        printf("mapped at %p\n", (void *)bus_location);
        return 0;
    }
    pidsig(getpid(), SIGUSR1);
    pidsig(4242, SIGUSR2);
    return 0;
}
