/*
 * <sys/types.h> for AIX 5L 64-bit kernel extensions: AIX's type names at the 64-bit kernel's
 * widths. Self-contained: kexts never see the host's headers.
 */
#ifndef AIXSIM_SYS_TYPES_H
#define AIXSIM_SYS_TYPES_H

#include <stddef.h>
#include <sys/inttypes.h>
#include <aixsim/kext.h>

/* int in the 32-bit kernel, long in the 64-bit one; aixsim is a 64-bit kernel. */
typedef long int32long64_t;
typedef unsigned long uint32long64_t;

typedef int32long64_t pid_t;
typedef int32long64_t tid_t;
typedef int32long64_t vmkey_t;
typedef int32long64_t vmsize_t;
typedef int32long64_t flags_t;
typedef int32long64_t ssize_t;
typedef long off_t;
typedef long long offset_t;
typedef long long off64_t;
typedef long time_t;
typedef long clock_t;
typedef long daddr_t;
typedef unsigned long dev_t;
typedef unsigned long dev64_t;
typedef unsigned long ino_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef short nlink_t;
typedef int key_t;
typedef int chan_t;
typedef long cnt64_t;
typedef int boolean_t;
typedef unsigned long vmid_t;
typedef unsigned long vmhandle_t;
typedef unsigned long ptex_t;
typedef unsigned long long tstamp_t;
typedef long label_slot_t;

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char uchar_t;
typedef unsigned short ushort_t;
typedef unsigned int uint_t;
typedef unsigned long ulong_t;
typedef char *caddr_t;
typedef void *mid_t;

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
 * A saved kernel execution context for setjmpx/longjmpx, laid out as AIX's <sys/m_types.h>
 * declares it (200 bytes): the chain, the resume address, stack and TOC pointers, the
 * non-volatile CR, the interrupt priority, and room for GPRs 13..31. aixsim keeps the host
 * context the compiler's __builtin_setjmp saves in the first words of reg[], and the code
 * setjmpx returns after a resume in reg[8].
 */
#define NUMSAVE 19
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
