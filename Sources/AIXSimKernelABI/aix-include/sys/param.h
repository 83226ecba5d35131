/* <sys/param.h>: system parameters (AIX 5.3 values for the 64-bit kernel). */
#ifndef AIXSIM_SYS_PARAM_H
#define AIXSIM_SYS_PARAM_H

#include <sys/types.h>
#include <sys/limits.h>
#include <sys/pri.h>

#define HZ       100      /* clock ticks per second */
#define NBPG     4096     /* bytes per page */
#define PGSHIFT  12
#define NBPB     8        /* bits per byte */
#define MAXPATHLEN (PATH_MAX + 1)
#define NCARGS   0x100000
#define NGROUPS  64
#define NOFILE   2000
#define MAXHOSTNAMELEN 256

#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))
#define howmany(x, y) (((x) + ((y) - 1)) / (y))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))

#endif
