/* <sys/conf.h>: the device switch a driver registers with devswadd. aixsim has no devswadd;
   the type and constants are here for source that names them. */
#ifndef AIXSIM_SYS_CONF_H
#define AIXSIM_SYS_CONF_H

#include <sys/types.h>

struct devsw {
    int (*d_open)();
    int (*d_close)();
    int (*d_read)();
    int (*d_write)();
    int (*d_ioctl)();
    int (*d_strategy)();
    struct tty *d_ttys;
    int (*d_select)();
    int (*d_config)();
    int (*d_print)();
    int (*d_dump)();
    int (*d_mpx)();
    int (*d_revoke)();
    caddr_t d_dsdptr;
    caddr_t d_selptr;
    ulong d_opts;
};

#define DEV_DEFINED   0x1
#define DEV_MPSAFE    0x2

#endif
