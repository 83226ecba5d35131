/* expect: ok */
/* vm_guatt and vm_gudet: each argument rule gives EINVAL, then one attachment and its detach
   succeed. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/adspace.h>
#include <stdio.h>

/* vm_guatt and vm_gudet argument rules, then one attachment and its detach. */
int guatt_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    void *uaddr = NULL;
    if (cmd != 1)
        return 0;
    if (vm_galloc(V_WORKING | V_UREAD, 2 * 4096, &ea) != 0)
        return ENOMEM;
    vm_guatt((void *)ea, 4096, VM_UNPRIV, VU_INPLACE, &uaddr);      /* EINVAL: flags */
    vm_guatt((void *)ea, 0, VM_UNPRIV, VU_ANYWHERE, &uaddr);        /* EINVAL: size */
    vm_guatt((void *)ea, 3 * 4096, VM_UNPRIV, VU_ANYWHERE, &uaddr); /* EINVAL: beyond the region */
    vm_guatt((void *)ea, 4096, 7, VU_ANYWHERE, &uaddr);             /* EINVAL: key */
    if (vm_guatt((void *)ea, 2 * 4096, VM_UNPRIV, VU_ANYWHERE, &uaddr) != 0)
        return EINVAL;
    printf("uaddr %p\n", uaddr);
    vm_guatt((void *)ea, 4096, VM_PRIV, VU_ANYWHERE, &uaddr);       /* EINVAL: *uaddr not NULL */
    if (vm_gudet((void *)ea, uaddr, 2 * 4096, VU_ANYWHERE) != 0)
        return EINVAL;
    vm_gudet((void *)ea, uaddr, 2 * 4096, VU_ANYWHERE);             /* EINVAL: detached already */
    return vm_gfree(ea, 2 * 4096);
}
