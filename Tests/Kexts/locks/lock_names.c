/* expect: findings lock-order-inversion */
/* Locks, a lock word and an event word kept in the kext's own variables, one of them inside a
   structure: reports name each by its variable (kx_state+0x8), not by its address. Two paths
   take kx_lock and the structure's lock in opposite orders. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/sleep.h>
#include <sys/lockl.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

static Simple_lock kx_lock;
static struct {
    long count;
    Simple_lock inner;
} kx_state;
static lock_t kx_word = LOCK_AVAIL;
static tid_t kx_event = EVENT_NULL;

static void count_up(void)
{
    simple_lock(&kx_lock);
    simple_lock(&kx_state.inner);
    kx_state.count++;
    simple_unlock(&kx_state.inner);
    simple_unlock(&kx_lock);
}

static void count_down(void)
{
    simple_lock(&kx_state.inner);
    simple_lock(&kx_lock);
    kx_state.count--;
    simple_unlock(&kx_lock);
    simple_unlock(&kx_state.inner);
}

int lock_names_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        lock_free(&kx_lock);
        lock_free(&kx_state.inner);
        return 0;
    }
    lock_alloc(&kx_lock, LOCK_ALLOC_PIN, 1, -1);
    lock_alloc(&kx_state.inner, LOCK_ALLOC_PIN, 2, -1);
    simple_lock_init(&kx_lock);
    simple_lock_init(&kx_state.inner);
    count_up();
    count_down();
    lockl(&kx_word, LOCK_SHORT);
    unlockl(&kx_word);
    e_wakeup(&kx_event);
    return 0;
}
