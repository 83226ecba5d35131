/* expect: findings uiomove-unwritten-source; with --data status */
/*
 * Exercise: a status buffer that reaches the caller before anything is written into it.
 *
 * The driver keeps a page of status text for its read entry point. At CFG_INIT it allocates the
 * page and hands the caller a copy of it, but the code that fills the page runs only later.
 * Run: swift run aixsim load kext-samples/exercises/status_read.c --data status
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <sys/vmuser.h>

#define STATUS_BYTES 4096

static ulong status_page;

static void fill_status(char *text)
{
    text[0] = 'u';
    text[1] = 'p';
}

int status_read_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM)
        return vm_gfree(status_page, STATUS_BYTES);
    if (cmd != CFG_INIT || uiop == NULL)
        return 0;
    if (vm_galloc(V_WORKING, STATUS_BYTES, &status_page) != 0)
        return ENOMEM;
    rc = uiomove((caddr_t)status_page, 2, UIO_READ, uiop);
    fill_status((char *)status_page);
    return rc;
}
