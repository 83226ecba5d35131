/* <inttypes.h>: AIX kexts reach the fixed-width types through <sys/inttypes.h>. */
#include <sys/inttypes.h>
