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

int bench_entry(int cmd, struct uio *uiop)
{
    return 0;
}
