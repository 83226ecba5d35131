/*
 * The host baselines `aixsim bench` sets aixsim's xmalloc against: the host C library's
 * malloc+free pair and the kernel's mmap+munmap pair, in C so nothing between the loop and
 * the call differs from what a C program pays.
 */
#ifndef AIXSIM_BENCH_H
#define AIXSIM_BENCH_H

#include <stddef.h>

/* n pairs of malloc(size) + free, touching one byte of each block. */
long aixsim_bench_malloc_pairs(long n, size_t size);
/* n pairs of an anonymous mmap(size) + munmap, touching the first page of each mapping. */
long aixsim_bench_mmap_pairs(long n, size_t size);
/* n pairs of an anonymous mmap(size) + munmap, never touched. */
long aixsim_bench_mmap_untouched_pairs(long n, size_t size);
/* Maps `pages` fresh anonymous pages, stores one byte to each (the host's own first-touch
   fault), unmaps them; returns the pages touched. */
long aixsim_bench_first_touch(long pages);

#endif
