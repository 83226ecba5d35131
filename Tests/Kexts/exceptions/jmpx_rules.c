/* expect: ok */
/* setjmpx contexts nest; longjmpx restores the saved priority and turns 0 into EINTR; --data
   picks an ending: "none" (longjmpx with no context), "clr" (clrjmpx of the wrong context),
   "system" (a DSI in a V_SYSTEM area with a context saved). */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/except.h>
#include <sys/intr.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

int jmpx_rules_entry(int cmd, struct uio *uiop)
{
    label_t outer, inner;
    char mode[8] = {0};
    volatile int rc;
    if (cmd != CFG_INIT) return 0;
    if (uiop) uiomove(mode, uiop->uio_resid < 7 ? (int)uiop->uio_resid : 7, UIO_WRITE, uiop);

    rc = setjmpx(&outer);
    if (rc == 0) {
        int old = i_disable(INTCLASS2);
        rc = setjmpx(&inner);           /* saved at INTCLASS2 */
        if (rc == 0) {
            i_disable(INTMAX);
            longjmpx(0);                /* back to inner, at INTCLASS2, with EINTR */
        }
        printf("inner %d\n", rc);
        i_enable(old);
        longjmpx(33);                   /* inner was popped: back to outer */
    }
    printf("outer %d\n", rc);

    if (mode[0] == 'n') longjmpx(1);
    if (mode[0] == 'c') { setjmpx(&outer); setjmpx(&inner); clrjmpx(&outer); }
    if (mode[0] == 's') {
        ulong a;
        vm_galloc(V_WORKING | V_SYSTEM, 4096, &a);
        if (setjmpx(&outer) == 0)
            ((volatile char *)a)[4096 + 8] = 1;
        printf("caught it, which AIX would not\n");
    }
    return 0;
}
