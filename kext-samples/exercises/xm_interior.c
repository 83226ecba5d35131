/* expect: findings xmalloc-free-unallocated xmalloc-leak */
/*
 * Exercise xm_interior: a packet is a header followed by a payload; the driver hands the
 * payload around and frees "the packet" from there. The run ends normally, with two findings.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_interior.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>

#define HEADER_BYTES 16

static caddr_t payload;

int xm_interior_entry(int cmd, struct uio *uiop)
{
    caddr_t packet;
    if (cmd == CFG_TERM) {
        xmfree(payload, kernel_heap);
        return 0;
    }
    packet = xmalloc(HEADER_BYTES + 240, 3, kernel_heap);
    if (packet == NULL)
        return ENOMEM;
    payload = packet + HEADER_BYTES;
    return 0;
}
