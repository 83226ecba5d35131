/* expect: crash host-trap */
/* An aligned vector store (movaps) to an address one byte past a 16-byte boundary: the host
   traps without an address, aixsim decodes it; POWER's vector stores would not trap. */
#include <sys/types.h>
#include <sys/device.h>

static char buffer[64] __attribute__((aligned(16)));

int ct_misaligned_vector_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        char *p = buffer + 1;
        __asm__ volatile("xorps %%xmm0, %%xmm0\n\tmovaps %%xmm0, 16(%0)" : : "r"(p) : "xmm0", "memory");
    }
    return 0;
}
