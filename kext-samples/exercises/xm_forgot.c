/* expect: findings xmalloc-leak */
/*
 * Exercise xm_forgot: a driver allocates a control block and a name for it from kernel_heap
 * and frees the control block at CFG_TERM. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_forgot.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <string.h>

struct control { char *name; int state; };
static struct control *ctl;

int xm_forgot_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return xmfree(ctl, kernel_heap);
    ctl = xmalloc(sizeof *ctl, 3, kernel_heap);
    if (ctl == NULL)
        return ENOMEM;
    ctl->name = xmalloc(16, 0, kernel_heap);
    if (ctl->name == NULL)
        return ENOMEM;
    strcpy(ctl->name, "ent0");
    return 0;
}
