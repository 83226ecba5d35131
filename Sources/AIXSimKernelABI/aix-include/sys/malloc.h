/* <sys/malloc.h>: the kernel's xmalloc heaps, as AIX 5L kernel extensions use them. */
#ifndef AIXSIM_SYS_MALLOC_H
#define AIXSIM_SYS_MALLOC_H

#include <sys/types.h>

/* A heap is named by an address the kernel hands out: the value of kernel_heap or
   pinned_heap, or what init_heap returned. */
typedef char *heapaddr_t;

#undef AIXSIM_WANT_sys_malloc
#define AIXSIM_WANT_sys_malloc(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_malloc
#define AIXSIM_WANT_sys_malloc(x)

/* On AIX these are exported variables holding the two kernel heaps' addresses. A kext's table
   holds functions only, so here each reads the handle from the kernel; the source spelling
   (xmalloc(128, 3, kernel_heap)) stays AIX's. Neither can be assigned to, which AIX forbids
   anyway. */
#define kernel_heap (aixsim_kernel_heap())
#define pinned_heap (aixsim_pinned_heap())

/* AIX's headers take and give void * here, so `struct buf *bp = xmalloc(...)` and xmfree(bp, ...)
   compile without casts; the export list keeps the documented caddr_t prototypes. */
#define xmalloc(size, align, heap) ((void *)(xmalloc)((size), (align), (heap)))
#define xmfree(ptr, heap) (xmfree)((caddr_t)(void *)(ptr), (heap))

/* The old compatibility names AIX documents for kernel code. */
#define palloc(size, align) xmalloc((size), (align), kernel_heap)

/* malloc and free in kernel source are the kernel heap's, double-word aligned. */
#define malloc(size) xmalloc((size), 3, kernel_heap)
#define free(ptr) xmfree((ptr), kernel_heap)
#define MALLOC(space, cast, size, type, flags) ((space) = (cast)malloc(size))
#define FREE(addr, type) free(addr)

/* heap_create and heap_destroy came with AIX 6.1 (kerrno_t, <sys/kerrno.h>, heapattr_t); AIX
   5.3's kernel does not export them, so a call is refused at compile time with what 5.3 has. */
int heap_create() __attribute__((unavailable(
    "heap_create is AIX 6.1's; the AIX 5.3 kernel exports init_heap(area, size, NULL) instead")));
int heap_destroy() __attribute__((unavailable(
    "heap_destroy is AIX 6.1's; AIX 5.3 has no service that destroys an init_heap heap")));

#endif
