/* expect: ok */
/* lock_try_read and lock_try_write never wait: TRUE when the complex lock is had, FALSE when a
   writer holds it, or (to write) when anyone does, this thread included. */
#include <sys/types.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/device.h>
#include <stdio.h>

Complex_lock table_lock;

int
lock_try_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    int w, r1, r2;

    if (cmd == CFG_TERM) {
        lock_free(&table_lock);
        return 0;
    }
    lock_alloc(&table_lock, LOCK_ALLOC_PAGED, 1, -1);
    lock_init(&table_lock, 1);

    w = lock_try_write(&table_lock);
    r1 = lock_try_read(&table_lock);
    printf("write %d, then read %d\n", w, r1);
    lock_done(&table_lock);

    r1 = lock_try_read(&table_lock);
    r2 = lock_try_read(&table_lock);
    w = lock_try_write(&table_lock);
    printf("read %d, read %d, then write %d\n", r1, r2, w);
    lock_done(&table_lock);
    lock_done(&table_lock);

    w = lock_try_write(&table_lock);
    printf("free again: write %d\n", w);
    lock_done(&table_lock);
    return 0;
}
