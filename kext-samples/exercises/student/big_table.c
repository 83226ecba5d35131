/* expect: crash dsi; with --data 42 */
/*
 * Student kext 2, "big table": a 16 KB table of counters, filled from the configuration data
 * with uiomove and pinned because an interrupt-level path reads it (course chapters 2 and 3,
 * global memory and pinning). The student reads it with interrupts disabled, as that path
 * would, and passed pin a length in entries where it takes bytes: only the first 2 KB are pinned.
 *
 * Run: swift run aixsim load kext-samples/exercises/student/big_table.c --data 42
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/uio.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

#define ENTRIES 2048
#define TABLE_BYTES (ENTRIES * sizeof(long))

static ulong table;

int big_table_entry(int cmd, struct uio *uiop)
{
    long *entries;
    long sum = 0;
    char seed[16] = "";
    int i, rc, old;
    if (cmd == CFG_TERM) {
        unpin((void *)table, ENTRIES);
        vm_gfree(table, TABLE_BYTES);
        return 0;
    }
    if ((rc = vm_galloc(V_WORKING, TABLE_BYTES, &table)) != 0)
        return rc;
    if ((rc = pin((void *)table, ENTRIES)) != 0)
        return rc;
    if (uiop != NULL && (rc = uiomove(seed, sizeof seed - 1, UIO_WRITE, uiop)) != 0)
        return rc;
    entries = (long *)table;
    for (i = 0; i < ENTRIES; i++)
        entries[i] = seed[0] + i;
    old = i_disable(INTMAX);
    for (i = 0; i < ENTRIES; i++)
        sum += entries[i]; /* BUG */
    i_enable(old);
    printf("sum %ld\n", sum);
    return 0;
}
