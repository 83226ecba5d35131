/*
 * hello: the smallest useful kernel extension.
 *
 * At CFG_INIT it takes two pages of global memory with vm_galloc, writes a greeting into them,
 * reads it back and prints it with the kernel's printf; if it was given configuration data
 * (`aixsim load hello --data TEXT`) it copies that in with uiomove and prints it too.
 * At CFG_TERM it returns the pages with vm_gfree, so nothing is leaked.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <stdio.h>
#include <string.h>

static ulong region;                  /* effective address of our global memory */
static const vmsize_t region_size = 6000;   /* vm_galloc rounds this up to 8 KB */

int hello_entry(int cmd, struct uio *uiop)
{
    switch (cmd) {
    case CFG_INIT: {
        int rc = vm_galloc(V_WORKING, region_size, &region);
        if (rc != 0) {
            printf("hello: vm_galloc failed with %d\n", rc);
            return rc;
        }
        /* The address vm_galloc stored is directly usable: global memory is ordinary memory
           to kernel code. aixsim's report shows it as an AIX effective address. */
        char *text = (char *)region;
        strcpy(text, "hello from global memory");
        printf("hello: wrote \"%s\" (%d bytes) into my region\n", text, (int)strlen(text));

        if (uiop != NULL) {
            char data[128];
            int n = uiop->uio_resid < (long)sizeof(data) - 1 ? (int)uiop->uio_resid
                                                             : (int)sizeof(data) - 1;
            rc = uiomove(data, n, UIO_WRITE, uiop);
            if (rc != 0)
                return rc;
            data[n] = '\0';
            printf("hello: configuration data \"%s\"\n", data);
        }
        return 0;
    }
    case CFG_TERM:
        return vm_gfree(region, region_size);
    default:
        return EINVAL;
    }
}
