/* expect: ok */
/* label_t as AIX 5.3's 64-bit <sys/m_types.h> lays it out: 200 bytes, GPRs 13..31 in reg[]. */
#include <sys/types.h>
#include <sys/except.h>
#include <sys/device.h>
#include <stdio.h>

#define OFF(f) ((int)(long)&((label_t *)0)->f)

int
label_layout_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    label_t jb[2];
    int rc;

    if (cmd == CFG_TERM)
        return 0;
    printf("label_t %d prev %d iar %d stack %d toc %d cr %d intpri %d reg %d NUMSAVE %d\n",
           (int)sizeof(label_t), OFF(prev), OFF(iar), OFF(stack), OFF(toc), OFF(cr),
           OFF(intpri), OFF(reg[0]), NUMSAVE);
    /* Two labels side by side: a resume must not write past the first. */
    jb[1].prev = (label_t *)0x5a5a;
    if ((rc = setjmpx(&jb[0])) == 0)
        longjmpx(7);
    printf("resumed %d neighbour %lx\n", rc, (ulong)jb[1].prev);
    return 0;
}
