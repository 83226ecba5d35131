/* expect: findings xmalloc-free-pinned */
/*
 * Exercise xm_pinned_free: a buffer from kernel_heap is pinned while a transfer uses it and
 * freed at CFG_TERM. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_pinned_free.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <sys/pin.h>

#define BUFFER_BYTES 4096

static caddr_t buffer;

int xm_pinned_free_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        xmfree(buffer, kernel_heap);
        return 0;
    }
    buffer = xmalloc(BUFFER_BYTES, 12, kernel_heap);
    if (buffer == NULL)
        return ENOMEM;
    return pin(buffer, BUFFER_BYTES);
}
