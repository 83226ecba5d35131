/* expect: findings xmalloc-write-after-free; with --xmalloc-debug maximal --seed 1 */
/*
 * Exercise xm_late_write: a request is freed when it completes, and its status is recorded
 * afterwards; then the driver handles a burst of small requests. Run with xmalloc's debug
 * checks on. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_late_write.c --xmalloc-debug maximal --seed 1
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>

struct request { int status; char data[60]; };

int xm_late_write_entry(int cmd, struct uio *uiop)
{
    struct request *r;
    int i;
    if (cmd == CFG_TERM)
        return 0;
    r = xmalloc(sizeof *r, 0, kernel_heap);
    if (r == NULL)
        return ENOMEM;
    xmfree(r, kernel_heap);
    r->status = 1;              /* "done" */
    for (i = 0; i < 2100; i++)
        xmfree(xmalloc(sizeof *r, 0, kernel_heap), kernel_heap);
    return 0;
}
