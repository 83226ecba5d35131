/* expect: depends on --data; see below */
/* A timer handler calls the one kernel service named by --data, at INTTIMER in the interrupt
   environment, with harmless arguments: the test checks each service's declared environment. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/except.h>
#include <sys/syspest.h>
#include <sys/thread.h>
#include <sys/pin.h>
#include <sys/malloc.h>
#include <sys/adspace.h>
#include <sys/device.h>
#include <sys/lockl.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/user.h>
#include <sys/xmem.h>
#include <sys/atomic_op.h>
#include <sys/time.h>
#include <sys/errids.h>
#include <sys/watchdog.h>
#include <sys/signal.h>
#include <sys/ioacc.h>
#include <stdio.h>
#include <string.h>

static char name[32];
static struct trb *timer, *spare;
static struct intr handler;
static tid_t word = EVENT_NULL;
static char buffer[64];
static Simple_lock lk;
static Complex_lock clk;
static lock_t lw = LOCK_AVAIL;
static struct xmem xd = { .aspace_id = XMEM_INVAL };
static struct devsw no_entry_points;
static struct watchdog dog;

static int quiet_handler(struct intr *i) { return INTR_FAIL; }
static void quiet_timeout(caddr_t arg) {}
static void quiet_timer(struct trb *t) {}

static void call_it(struct trb *t)
{
    ulong a = 0;
    label_t jb;
    int old;
    if (!strcmp(name, "vm_galloc")) vm_galloc(V_WORKING, 4096, &a);
    else if (!strcmp(name, "vm_gfree")) vm_gfree(0, 4096);
    else if (!strcmp(name, "printf")) printf("hello\n");
    else if (!strcmp(name, "uiomove")) {
        struct iovec v = { buffer, 8 };
        struct uio u = { 0 };
        u.uio_iov = &v; u.uio_iovcnt = 1; u.uio_resid = 8; u.uio_segflg = UIO_SYSSPACE;
        uiomove(buffer + 16, 8, UIO_READ, &u);
    }
    else if (!strcmp(name, "i_disable") || !strcmp(name, "i_enable")) { old = i_disable(INTMAX); i_enable(old); }
    else if (!strcmp(name, "getpid")) getpid();
    else if (!strcmp(name, "thread_self")) thread_self();
    else if (!strcmp(name, "panic")) panic("called from a timer");
    else if (!strcmp(name, "aixsim_assert")) assert(name[0] == 'x');
    else if (!strcmp(name, "pincode")) pincode((int (*)())call_it);
    else if (!strcmp(name, "unpincode")) unpincode((int (*)())call_it);
    else if (!strcmp(name, "i_init")) i_init(&handler);
    else if (!strcmp(name, "i_clear")) i_clear(&handler);
    else if (!strcmp(name, "i_sched")) { INIT_OFFL0(&handler, quiet_handler, 0); i_sched(&handler); }
    else if (!strcmp(name, "talloc")) talloc();
    else if (!strcmp(name, "tfree")) tfree(spare);
    else if (!strcmp(name, "tstart")) tstart(spare);
    else if (!strcmp(name, "tstop")) tstop(spare);
    else if (!strcmp(name, "timeout")) timeout(quiet_timeout, 0, 1);
    else if (!strcmp(name, "untimeout")) untimeout(quiet_timeout, 0);
    else if (!strcmp(name, "timeoutcf")) timeoutcf(1);
    else if (!strcmp(name, "delay")) delay(1);
    else if (!strcmp(name, "e_sleep")) e_sleep(&word, EVENT_SHORT);
    else if (!strcmp(name, "e_wakeup")) e_wakeup(&word);
    else if (!strcmp(name, "e_wakeup_one")) e_wakeup_one(&word);
    else if (!strcmp(name, "e_wakeup_w_result")) e_wakeup_w_result(&word, THREAD_AWAKENED);
    else if (!strcmp(name, "e_sleep_thread")) e_sleep_thread(&word, NULL, 0);
    else if (!strcmp(name, "e_assert_wait")) e_assert_wait(&word, FALSE);
    else if (!strcmp(name, "e_block_thread")) e_block_thread();
    else if (!strcmp(name, "setjmpx") || !strcmp(name, "clrjmpx")) { if (setjmpx(&jb) == 0) clrjmpx(&jb); }
    else if (!strcmp(name, "longjmpx")) { if (setjmpx(&jb) == 0) longjmpx(7); }
    else if (!strcmp(name, "pin")) pin(buffer, 16);
    else if (!strcmp(name, "unpin")) unpin(buffer, 16);
    else if (!strcmp(name, "ltpin")) ltpin(buffer, 16);
    else if (!strcmp(name, "ltunpin")) ltunpin(buffer, 16);
    else if (!strcmp(name, "pinu")) pinu(buffer, 16, UIO_SYSSPACE);
    else if (!strcmp(name, "unpinu")) unpinu(buffer, 16, UIO_SYSSPACE);
    else if (!strcmp(name, "xmalloc")) xmalloc(64, 3, kernel_heap);
    else if (!strcmp(name, "xmfree")) xmfree(buffer, kernel_heap);
    else if (!strcmp(name, "init_heap")) init_heap(buffer, 4096, NULL);
    else if (!strcmp(name, "aixsim_kernel_heap")) { if (kernel_heap) printf("called %s\n", name); }
    else if (!strcmp(name, "aixsim_pinned_heap")) { if (pinned_heap) printf("called %s\n", name); }
    else if (!strcmp(name, "aixsim_pginfo")) aixsim_pginfo(buffer);
    else if (!strcmp(name, "vm_guatt")) { void *u = NULL; vm_guatt(buffer, 4096, VM_PRIV, VU_ANYWHERE, &u); }
    else if (!strcmp(name, "vm_gudet")) vm_gudet(buffer, buffer, 4096, 0);
    else if (!strcmp(name, "lockl")) lockl(&lw, LOCK_SHORT);
    else if (!strcmp(name, "unlockl")) unlockl(&lw);
    else if (!strcmp(name, "e_sleepl")) e_sleepl(&lw, &word, EVENT_SHORT);
    else if (!strcmp(name, "lock_alloc")) lock_alloc(&lk, LOCK_ALLOC_PIN, 1, -1);
    else if (!strcmp(name, "lock_free")) lock_free(&lk);
    else if (!strcmp(name, "simple_lock_init")) simple_lock_init(&lk);
    else if (!strcmp(name, "simple_lock")) simple_lock(&lk);
    else if (!strcmp(name, "simple_lock_try")) simple_lock_try(&lk);
    else if (!strcmp(name, "simple_unlock")) simple_unlock(&lk);
    else if (!strcmp(name, "disable_lock") || !strcmp(name, "unlock_enable")) {
        old = disable_lock(INTMAX, &lk); unlock_enable(old, &lk);
    }
    else if (!strcmp(name, "lock_init")) lock_init(&clk, TRUE);
    else if (!strcmp(name, "lock_read")) lock_read(&clk);
    else if (!strcmp(name, "lock_write")) lock_write(&clk);
    else if (!strcmp(name, "lock_done")) lock_done(&clk);
    else if (!strcmp(name, "lock_read_to_write")) lock_read_to_write(&clk);
    else if (!strcmp(name, "lock_write_to_read")) lock_write_to_read(&clk);
    else if (!strcmp(name, "copyin")) copyin(buffer, buffer + 16, 8);
    else if (!strcmp(name, "copyout")) copyout(buffer, buffer + 16, 8);
    else if (!strcmp(name, "copyinstr")) { uint n; copyinstr(buffer, buffer + 16, 8, &n); }
    else if (!strcmp(name, "fubyte")) fubyte((uchar *)buffer);
    else if (!strcmp(name, "fuword")) fuword((int *)buffer);
    else if (!strcmp(name, "subyte")) subyte((uchar *)buffer, 1);
    else if (!strcmp(name, "suword")) suword((int *)buffer, 1);
    else if (!strcmp(name, "setuerror")) setuerror(EINVAL);
    else if (!strcmp(name, "getuerror")) getuerror();
    else if (!strcmp(name, "devswadd")) devswadd(makedev(50, 0), &no_entry_points);
    else if (!strcmp(name, "devswdel")) devswdel(makedev(50, 0));
    else if (!strcmp(name, "devswqry")) devswqry(makedev(50, 0), NULL, NULL);
    else if (!strcmp(name, "xmattach")) xmattach(buffer, 8, &xd, SYS_ADSPACE);
    else if (!strcmp(name, "xmdetach")) xmdetach(&xd);
    else if (!strcmp(name, "xmemin")) xmemin(buffer, buffer + 16, 8, &xd);
    else if (!strcmp(name, "xmemout")) xmemout(buffer + 16, buffer, 8, &xd);
    else if (!strcmp(name, "xmempin")) xmempin(buffer, 8, &xd);
    else if (!strcmp(name, "xmemunpin")) xmemunpin(buffer, 8, &xd);
    else if (!strcmp(name, "fetch_and_add")) fetch_and_add((atomic_p)buffer, 1);
    else if (!strcmp(name, "compare_and_swap")) { int o = 0; compare_and_swap((atomic_p)buffer, &o, 1); }
    else if (!strcmp(name, "curtime")) { timestruc_t ts; curtime(&ts); }
    else if (!strcmp(name, "errsave")) { struct err_rec0 e = { 0x1234, "sweep" }; errsave((struct err_rec *)&e, sizeof e); }
    else if (!strcmp(name, "lock_try_read")) lock_try_read(&clk);
    else if (!strcmp(name, "lock_try_write")) lock_try_write(&clk);
    else if (!strcmp(name, "w_init")) w_init(&dog);
    else if (!strcmp(name, "w_start")) w_start(&dog);
    else if (!strcmp(name, "w_stop")) w_stop(&dog);
    else if (!strcmp(name, "w_clear")) w_clear(&dog);
    else if (!strcmp(name, "pidsig")) pidsig(20142, SIGUSR1);
    else if (!strcmp(name, "io_att")) io_att(0x820c0020, 0);
    else if (!strcmp(name, "io_det")) io_det(buffer);
    else printf("call_at_interrupt does not know %s\n", name);
}

int call_at_interrupt_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    int n = uiop->uio_resid < 31 ? (int)uiop->uio_resid : 31;
    uiomove(name, n, UIO_WRITE, uiop);
    pincode(call_at_interrupt_entry);
    timeoutcf(1);
    if (!strcmp(name, "w_start") || !strcmp(name, "w_stop")) w_init(&dog);
    handler.handler = quiet_handler;
    handler.level = 9;
    handler.priority = INTCLASS3;
    spare = talloc();
    spare->flags = T_INCINTERVAL;
    spare->func = quiet_timer;
    spare->ipri = INTTIMER;
    spare->timeout.it_value.tv_nsec = 50 * 1000 * 1000;
    timer = talloc();
    timer->flags = T_INCINTERVAL;
    timer->func = call_it;
    timer->ipri = INTTIMER;
    timer->timeout.it_value.tv_nsec = 1000 * 1000;
    tstart(timer);
    return 0;
}
