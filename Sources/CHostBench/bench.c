/* Host baselines for `aixsim bench` (aixsim_bench.h). */
#include "aixsim_bench.h"

#include <stdlib.h>
#include <sys/mman.h>

/* Stores through a volatile pointer keep the compiler from eliding an unused malloc/free pair. */
static char *volatile sink;

long aixsim_bench_malloc_pairs(long n, size_t size)
{
    long ok = 0;
    for (long i = 0; i < n; i++) {
        char *p = malloc(size);
        if (!p) continue;
        p[0] = (char)i;
        sink = p;
        free(p);
        ok++;
    }
    return ok;
}

long aixsim_bench_mmap_pairs(long n, size_t size)
{
    long ok = 0;
    for (long i = 0; i < n; i++) {
        char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) continue;
        p[0] = (char)i;
        sink = p;
        munmap(p, size);
        ok++;
    }
    return ok;
}

long aixsim_bench_mmap_untouched_pairs(long n, size_t size)
{
    long ok = 0;
    for (long i = 0; i < n; i++) {
        char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) continue;
        sink = p;
        munmap(p, size);
        ok++;
    }
    return ok;
}

long aixsim_bench_first_touch(long pages)
{
    size_t size = (size_t)pages * 4096;
    char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 0;
    for (long i = 0; i < pages; i++)
        ((volatile char *)p)[i * 4096] = (char)i;
    munmap(p, size);
    return pages;
}
