/* expect: ok */
/* Event words as AIX keeps them: the word anchors the sleepers (not EVENT_NULL while a thread
   sleeps, so the usual "if (ev != EVENT_NULL) e_wakeup(&ev)" wakes it), e_wakeup sets it back
   to EVENT_NULL; e_assert_wait keeps an early wakeup for e_block_thread; e_sleep_thread returns
   the result e_wakeup_w_result passes; e_wakeup_one wakes the sleeper. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static tid_t ev = EVENT_NULL, early = EVENT_NULL, result_word = EVENT_NULL, one = EVENT_NULL;
static struct trb *t;
static int step;

static void
wake(tp)
    struct trb *tp;
{
    switch (step) {
    case 0:
        printf("handler: ev %s\n", ev != EVENT_NULL ? "has a sleeper" : "is EVENT_NULL");
        if (ev != EVENT_NULL)
            e_wakeup(&ev);
        break;
    case 1:
        e_wakeup_w_result(&result_word, THREAD_TIMED_OUT);
        break;
    default:
        e_wakeup_one(&one);
    }
}

static void
arm()
{
    t->flags = T_INCINTERVAL;
    t->timeout.it_value.tv_nsec = 10000000;
    t->func = wake;
    t->ipri = INTTIMER;
    tstart(t);
}

int
sleep_words_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    int rc;

    if (cmd == CFG_TERM) {
        tfree(t);
        return unpincode(sleep_words_entry);
    }
    pincode(sleep_words_entry);
    printf("EVENT_NULL %d EVENT_SHORT %d EVENT_SIGWAKE %d EVENT_SIGRET %d EVENT_SUCC %d\n",
           EVENT_NULL, EVENT_SHORT, EVENT_SIGWAKE, EVENT_SIGRET, EVENT_SUCC);
    t = talloc();
    arm();
    rc = e_sleep(&ev, EVENT_SHORT);
    printf("e_sleep %d, ev %s\n", rc, ev == EVENT_NULL ? "EVENT_NULL again" : "still set");

    e_assert_wait(&early, FALSE);
    e_wakeup_w_result(&early, THREAD_OTHER + 1);
    printf("e_block_thread %d\n", e_block_thread());

    step = 1;
    arm();
    printf("e_sleep_thread %d\n", e_sleep_thread(&result_word, NULL, 0));

    step = 2;
    arm();
    printf("e_sleep_thread %d, one %s\n", e_sleep_thread(&one, NULL, INTERRUPTIBLE),
           one == EVENT_NULL ? "EVENT_NULL" : "set");
    return 0;
}
