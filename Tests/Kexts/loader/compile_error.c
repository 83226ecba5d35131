#include <sys/types.h>

int compile_error_entry(int cmd, struct uio *uiop)
{
    return this_is_not_declared;
}
