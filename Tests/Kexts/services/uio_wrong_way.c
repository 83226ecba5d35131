/* expect: findings uiomove-unwritten-source; with --data hello */
/* Meant to copy the caller's data in, but passes UIO_READ: uiomove copies the freshly allocated,
   never-written buffer out to the caller instead. A second buffer, written first, is copied out
   the same way without a finding. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <sys/vmuser.h>

int uio_wrong_way_entry(int cmd, struct uio *uiop)
{
    ulong buf, out;
    int rc;
    if (cmd != CFG_INIT || uiop == NULL)
        return 0;
    if (vm_galloc(V_WORKING, 4096, &buf) != 0 || vm_galloc(V_WORKING, 4096, &out) != 0)
        return ENOMEM;
    rc = uiomove((caddr_t)buf, 2, UIO_READ, uiop);
    ((char *)out)[0] = 'o';
    ((char *)out)[1] = 'k';
    if (rc == 0)
        rc = uiomove((caddr_t)out, 2, UIO_READ, uiop);
    vm_gfree(buf, 4096);
    vm_gfree(out, 4096);
    return rc;
}
