/* <sys/trchkid.h>: trace hook identifiers. Trace is not simulated, so the hooks are only
   numbers; see <sys/trcmacros.h>. */
#ifndef AIXSIM_SYS_TRCHKID_H
#define AIXSIM_SYS_TRCHKID_H

#define HKWD_USER1 0x01000000
#define HKWD_USER2 0x02000000
#define HKWD_USER3 0x03000000
#define HKWD_USER4 0x04000000

#endif
