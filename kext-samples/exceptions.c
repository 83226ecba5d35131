/*
 * exceptions: catching a storage exception with setjmpx, as kernel code that probes memory does.
 *
 * setjmpx saves a context and returns 0; if a DSI happens before clrjmpx, the kernel resumes the
 * context and setjmpx returns the code the VMM passes instead (EFAULT for
 * memory with no translation). longjmpx jumps back by
 * hand; its 0 becomes EINTR.
 *
 * Try: aixsim load exceptions
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/except.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

/* Reads one byte, or reports that the address is not mapped, without crashing. */
static int probe(ulong address, char *value)
{
    label_t context;
    int rc = setjmpx(&context);
    if (rc != 0)
        return rc;                    /* the exception; setjmpx popped the context */
    *value = *(volatile char *)address;
    clrjmpx(&context);
    return 0;
}

int exceptions_entry(int cmd, struct uio *uiop)
{
    ulong region;
    char c;
    if (cmd != CFG_INIT)
        return 0;
    vm_galloc(V_WORKING, 4096, &region);
    printf("probe of a live region: %d\n", probe(region, &c));
    vm_gfree(region, 4096);
    printf("probe after vm_gfree: %d (EFAULT is %d)\n", probe(region, &c), EFAULT);

    label_t context;
    int rc = setjmpx(&context);
    if (rc == 0)
        longjmpx(0);
    printf("longjmpx(0) came back as %d (EINTR is %d)\n", rc, EINTR);
    return 0;
}
