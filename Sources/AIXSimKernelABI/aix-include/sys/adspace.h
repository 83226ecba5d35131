/* <sys/adspace.h>: address-space keys (AIX 5.3 values), for vm_guatt. */
#ifndef AIXSIM_SYS_ADSPACE_H
#define AIXSIM_SYS_ADSPACE_H

#include <sys/types.h>

#ifndef VM_PRIV
#define VM_PRIV   0   /* segment Ks=0, Kp=0 */
#define VM_UNPRIV 1   /* Ks=1, Kp=1 */
#define VM_KEY10  2   /* Ks=1, Kp=0 */
#define VM_KEY01  3   /* Ks=0, Kp=1 */
#endif

#endif
