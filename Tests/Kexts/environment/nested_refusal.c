/* expect: crash environment-violation */
/* Off-level work that i_sched runs at once (the processor is at INTBASE) calls a process-only
   service: the refused call is the handler's, so the report must name the handler's line, not
   the line of the i_sched that ran it. K&R definitions and an int event word, as old drivers. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/sleep.h>
#include <sys/vmuser.h>

static struct intr work;
static int done_word = EVENT_NULL;

static int
bottom(ip)
struct intr *ip;
{
	caddr_t region;
	vm_galloc(V_WORKING, (vmsize_t)8192, (ulong *)&region); /* refused: process only */
	e_wakeup((tid_t *)&done_word);
	return INTR_SUCC;
}

int
nested_refusal_entry(cmd, uiop)
int cmd;
struct uio *uiop;
{
	pincode((int (*)())nested_refusal_entry);
	work.handler = bottom;
	work.priority = INTOFFL1;
	i_sched(&work); /* runs bottom now */
	return 0;
}
