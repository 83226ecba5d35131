/*
 * <sys/xmem.h>: cross-memory descriptors. aixsim implements no xmattach/xmemin/xmemout yet, so
 * they are left undeclared (a call is a compile-time warning and a refused import at load);
 * struct xmem and its constants are here for source that embeds them.
 */
#ifndef AIXSIM_SYS_XMEM_H
#define AIXSIM_SYS_XMEM_H

#include <sys/types.h>

struct xmem {
    int aspace_id;      /* XMEM_INVAL, XMEM_GLOBAL, or attached */
    short xm_flag;
    short xm_version;
    caddr_t subspace_id;
    caddr_t subspace_id2;
    void *prefix;
};

#define XMEM_INVAL  (-1)
#define XMEM_PROC   0
#define XMEM_GLOBAL (-2)
#define XMEM_PROC2  (-3)

#define XMEM_SUCC   0
#define XMEM_FAIL   (-1)

#define XMEM_HIDE   0x1
#define XMEM_UNHIDE 0x2

#endif
