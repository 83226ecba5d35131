/* expect: ok */
/* fetch_and_add returns the value before the add; compare_and_swap stores only on a match and
   otherwise hands the current value back through old_val_p. */
#include <sys/types.h>
#include <sys/atomic_op.h>
#include <sys/device.h>
#include <stdio.h>

static int word = 5;

int
atomic_ops_entry(int cmd, struct uio *uiop)
{
    int old, r;

    if (cmd == CFG_TERM)
        return 0;
    /* each call before its printf: C leaves the order of argument evaluation open */
    r = fetch_and_add(&word, 3);
    printf("add: %d now %d\n", r, word);
    r = fetch_and_add(&word, -10);
    printf("sub: %d now %d\n", r, word);
    old = -2;
    r = compare_and_swap(&word, &old, 42);
    printf("cas hit: %d now %d\n", r, word);
    old = 7;
    r = compare_and_swap(&word, &old, 0);
    printf("cas miss: %d now %d old %d\n", r, word, old);
    return 0;
}
