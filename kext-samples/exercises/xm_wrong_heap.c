/* expect: findings xmalloc-wrong-heap xmalloc-leak */
/*
 * Exercise xm_wrong_heap: the driver keeps its interrupt-time descriptors in one heap and its
 * configuration in another, and frees both at CFG_TERM. The run ends normally, with two findings.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_wrong_heap.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>

static caddr_t descriptors, config;

int xm_wrong_heap_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        xmfree(descriptors, pinned_heap);
        xmfree(config, pinned_heap);
        return 0;
    }
    descriptors = xmalloc(256, 3, pinned_heap);
    config = xmalloc(64, 3, kernel_heap);
    return descriptors && config ? 0 : ENOMEM;
}
