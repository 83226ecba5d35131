/* expect: findings leak */
/* Declares vm_galloc itself instead of including <sys/vmuser.h>. */
#include <sys/types.h>

extern int vm_galloc(int type, long size, unsigned long *eaddr);

int direct_service_entry(int cmd, struct uio *uiop)
{
    unsigned long a;
    return vm_galloc(1, 4096, &a);
}
