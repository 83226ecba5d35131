/*
 * bug_pageable_disabled: a classic bug. The kext disables interrupts to update a table that an
 * interrupt handler also uses, but the table lives in pageable global memory. With interrupts
 * disabled the processor cannot take a page fault, so if the page were out on paging space AIX
 * would crash. Usually it is resident and nothing happens, until the machine is under memory
 * pressure. aixsim makes every unpinned page fault while interrupts are disabled.
 *
 * The fix is one call: pin((void *)table, TABLE_BYTES) after vm_galloc.
 *
 * Try: aixsim load bug_pageable_disabled
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/intr.h>
#include <sys/device.h>

#define TABLE_BYTES 8192

static ulong table;

int bug_pageable_disabled_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return vm_gfree(table, TABLE_BYTES);
    if (vm_galloc(V_WORKING, TABLE_BYTES, &table) != 0)
        return ENOMEM;
    int old = i_disable(INTMAX);
    ((int *)table)[0] = 42;            /* the bug: pageable memory with interrupts disabled */
    i_enable(old);
    return 0;
}
