/* <sys/types.h> for AIX 5L 64-bit kernel extensions: the host's types plus AIX's own. */
#ifndef AIXSIM_SYS_TYPES_H
#define AIXSIM_SYS_TYPES_H

#include_next <sys/types.h>
#include <aixsim/kext.h>

/* int in the 32-bit kernel, long in the 64-bit one; aixsim is a 64-bit kernel. */
typedef long int32long64_t;
typedef unsigned long uint32long64_t;
typedef long vmsize_t;
typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char uchar;
typedef char *caddr_t;
typedef long long offset_t;
typedef long tid_t;
typedef void *mid_t;
typedef int vmkey_t;
typedef int boolean_t;
#ifndef TRUE
#define TRUE  1
#define FALSE 0
#endif

#undef AIXSIM_WANT_sys_types
#define AIXSIM_WANT_sys_types(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_types
#define AIXSIM_WANT_sys_types(x)

#ifndef NULL
#define NULL ((void *)0)
#endif

/*
 * A saved kernel execution context for setjmpx/longjmpx. AIX keeps registers, the stack
 * pointer and the interrupt priority here; aixsim keeps its own host context in reg[].
 */
#define NUMSAVE 64
typedef struct label_t {
    struct label_t *prev;
    ulong iar;
    ulong stack;
    ulong toc;
    ulong cr;
    ulong intpri;
    ulong reg[NUMSAVE];
} label_t;

#endif
