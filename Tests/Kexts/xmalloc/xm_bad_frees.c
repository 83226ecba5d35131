/* expect: findings xmalloc-double-free; with --data double */
/*
 * The xmfree mistakes, one per --data word: "double" frees twice, "interior" frees a pointer
 * into an allocation, "wrong" frees kernel_heap memory to pinned_heap, "notheap" names a heap
 * that is no heap. Each bad xmfree must return -1; the kext then frees properly.
 */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/uio.h>
#include <sys/device.h>

static int bad_xmfree(caddr_t p, const char *mode)
{
    char fake_heap[16];
    switch (mode[0]) {
    case 'd': if (xmfree(p, kernel_heap)) return 1; return xmfree(p, kernel_heap);
    case 'i': { int rc = xmfree(p + 8, kernel_heap); xmfree(p, kernel_heap); return rc; }
    case 'w': { int rc = xmfree(p, pinned_heap); xmfree(p, kernel_heap); return rc; }
    default: { int rc = xmfree(p, fake_heap);
               if (xmalloc(64, 0, fake_heap) != NULL) rc = 0;
               xmfree(p, kernel_heap); return rc; }
    }
}

int xm_bad_frees_entry(int cmd, struct uio *uiop)
{
    char mode[16] = {0};
    if (cmd != CFG_INIT) return 0;
    uiomove(mode, sizeof mode - 1, UIO_WRITE, uiop);
    caddr_t p = xmalloc(64, 3, kernel_heap);
    if (!p) return 12;
    return bad_xmfree(p, mode) == -1 ? 0 : 22;
}
