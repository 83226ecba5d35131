/* expect: crash host-trap */
/*
 * Exercise zero_average: a driver keeps latency statistics in a page of global memory and logs
 * the average latency when it is configured. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/zero_average.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

struct latency_stats {
    long total_us;      /* sum of every completed request's latency */
    long completed;     /* how many requests completed */
};

static ulong stats_region;

static long average_latency(struct latency_stats *s)
{
    return s->total_us / s->completed;
}

int zero_average_entry(int cmd, struct uio *uiop)
{
    struct latency_stats *stats;
    int rc;
    if (cmd == CFG_TERM)
        return vm_gfree(stats_region, 4096);
    if ((rc = vm_galloc(V_WORKING, 4096, &stats_region)) != 0)
        return rc;
    stats = (struct latency_stats *)stats_region;     /* a new region reads as zeros */
    printf("average latency %ld us\n", average_latency(stats));
    return 0;
}
