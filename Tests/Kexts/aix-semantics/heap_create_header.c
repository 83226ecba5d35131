/* expect: compile-error */
/* heap_create with <sys/malloc.h> included: AIX 5.3's header has no such service, so the call is
   a compile error saying what 5.3 has instead. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

static heapaddr_t heap;

int
heap_create_header_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return heap_destroy(heap, 0);
    return heap_create(0, &heap);
}
