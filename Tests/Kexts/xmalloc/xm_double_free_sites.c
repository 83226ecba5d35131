/* expect: findings xmalloc-double-free */
/*
 * A buffer freed by a completion routine and again by the caller: the finding must name all
 * three sites (the xmalloc, the first xmfree, the second xmfree), at every debug level. With
 * --data guard the buffer is one xmalloc debug put on a page of its own (maximal), so the second
 * xmfree meets a page already handed back.
 */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/uio.h>
#include <sys/device.h>

#define TRIES 3000
static caddr_t kept[TRIES];

static void complete(caddr_t buffer)
{
    xmfree(buffer, kernel_heap); /* first free */
}

static caddr_t guarded(void)
{
    int i;
    for (i = 0; i < TRIES; i++) {
        caddr_t p = xmalloc(100, 0, kernel_heap); /* guarded allocation */
        if ((((ulong)p + 128) & 4095) == 0 && (i == 0 || kept[i - 1] != p - 128)) return p;
        kept[i] = p;
    }
    return NULL;
}

int xm_double_free_sites_entry(int cmd, struct uio *uiop)
{
    int i;
    caddr_t buffer;
    char mode[8] = "";
    if (cmd != CFG_INIT) {
        for (i = 0; i < TRIES; i++) if (kept[i]) xmfree(kept[i], kernel_heap);
        return 0;
    }
    if (uiop != NULL) uiomove(mode, sizeof mode - 1, UIO_WRITE, uiop);
    if (mode[0] == 'g')
        buffer = guarded();
    else
        buffer = xmalloc(100, 0, kernel_heap); /* plain allocation */
    if (buffer == NULL) return 2;
    complete(buffer);
    xmfree(buffer, kernel_heap); /* second free */
    return 0;
}
