/*
 * bench: the kext `aixsim bench` times. It does nothing at CFG_INIT or CFG_TERM; aixsim calls
 * its loops directly.
 *
 * bench_direct_calls(n)   n calls of a plain C function in the kext (the baseline)
 * bench_service_calls(n)  n calls of a kernel service through the kext's table: vm_gfree of
 *                         an address outside the galloc heap, refused with EINVAL, so the
 *                         service itself does almost nothing and the cost is the call path.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/malloc.h>

static __attribute__((noinline)) long plain_function(long x)
{
    __asm__ volatile("" ::: "memory");
    return x + 1;
}

long bench_direct_calls(long n)
{
    long sum = 0;
    for (long i = 0; i < n; i++)
        sum += plain_function(i);
    return sum;
}

long bench_service_calls(long n)
{
    long refused = 0;
    for (long i = 0; i < n; i++)
        refused += vm_gfree(0, 4096) == EINVAL;
    return refused;
}

static long xmalloc_pairs(long n, int size)
{
    long ok = 0;
    for (long i = 0; i < n; i++) {
        caddr_t p = xmalloc(size, 0, kernel_heap);
        if (!p) continue;
        p[0] = (char)i;
        ok += xmfree(p, kernel_heap) == 0;
    }
    return ok;
}

long bench_xmalloc_pairs(long n) { return xmalloc_pairs(n, 64); }
long bench_xmalloc_mb_pairs(long n) { return xmalloc_pairs(n, 1 << 20); }

int bench_entry(int cmd, struct uio *uiop)
{
    return 0;
}
