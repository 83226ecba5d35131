/* <sys/errids.h>: error-log records a kext hands errsave. */
#ifndef AIXSIM_SYS_ERRIDS_H
#define AIXSIM_SYS_ERRIDS_H

#include <sys/types.h>

#define ERR_NAMESIZE 16

/* An error id, the resource that reports it, then the template's detail data. */
struct err_rec {
    unsigned int error_id;
    char resource_name[ERR_NAMESIZE];
    char detail_data[1];
};

/* The header alone, for entries without detail data. */
struct err_rec0 {
    unsigned int error_id;
    char resource_name[ERR_NAMESIZE];
};

#undef AIXSIM_WANT_sys_errids
#define AIXSIM_WANT_sys_errids(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_errids
#define AIXSIM_WANT_sys_errids(x)

#endif
