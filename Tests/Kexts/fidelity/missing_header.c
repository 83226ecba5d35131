/* expect: compile-error */
/* Includes an AIX header aixsim does not ship: a compile error, never the host's header. */
#include <sys/types.h>
#include <sys/socketvar.h>

int missing_header_entry(int cmd, struct uio *uiop) { return 0; }
