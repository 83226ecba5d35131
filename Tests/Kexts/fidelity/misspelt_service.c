/* expect: load-error */
/* A typo'd service name: refused at load, with the export it was nearest to. */
#include <sys/types.h>

int misspelt_service_entry(int cmd, struct uio *uiop)
{
    unsigned long a;
    return vm_gallok(1, 4096L, &a);
}
