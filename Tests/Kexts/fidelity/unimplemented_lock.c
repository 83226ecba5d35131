/* expect: load-error */
/* Lock services are not implemented: <sys/lock_def.h> gives the types, and a call is refused at
   load, never run. */
#include <sys/types.h>
#include <sys/lock_def.h>

simple_lock_data my_lock;

int unimplemented_lock_entry(int cmd, struct uio *uiop)
{
    simple_lock(&my_lock);
    return 0;
}
