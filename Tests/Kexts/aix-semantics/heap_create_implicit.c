/* expect: load-error */
/* heap_create called without its header, as AIX 6.1 code ported back might: AIX 5.3's loader
   refuses the import, and the refusal names init_heap, which 5.3 has instead. */
#include <sys/types.h>
#include <sys/device.h>

static char *heap;

int
heap_create_implicit_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return 0;
    return heap_create(0, &heap);
}
