/*
 * <sys/ioacc.h>: I/O space access. aixsim simulates no I/O buses, so io_att/io_det and the
 * BUS_GET/BUS_PUT accessors are not provided; a call is a clear error (implicit declaration
 * warning, then a refused import at load), never a wild access.
 */
#ifndef AIXSIM_SYS_IOACC_H
#define AIXSIM_SYS_IOACC_H

#include <sys/types.h>

#endif
