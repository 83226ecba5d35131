/* expect: findings xmalloc-double-free */
/*
 * Exercise xm_twice: a request buffer is released by the completion routine and again by the
 * unload code. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_twice.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>

static caddr_t request;

static void complete(void)
{
    xmfree(request, kernel_heap);
}

int xm_twice_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        xmfree(request, kernel_heap);
        return 0;
    }
    request = xmalloc(128, 3, kernel_heap);
    if (request == NULL)
        return ENOMEM;
    complete();
    return 0;
}
