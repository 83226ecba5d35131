/* expect: compile-error */
/* Uses an identifier nothing declares: the compiler's diagnostics become the load error. */
#include <sys/types.h>

int compile_error_entry(int cmd, struct uio *uiop)
{
    return this_is_not_declared;
}
