/* expect: ok; with --interrupt 4x2 */
/* Two handlers share level 4: the first declines (INTR_FAIL), the second claims. A third,
   INTR_NOT_SHARED registration on the same level is refused. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct intr first, second, exclusive;
static int first_calls, second_calls;

static int decline(struct intr *i) { first_calls++; return INTR_FAIL; }
static int claim(struct intr *i) { second_calls++; return INTR_SUCC; }

int shared_levels_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        printf("first %d second %d\n", first_calls, second_calls);
        i_clear(&first);
        i_clear(&second);
        return unpincode(shared_levels_entry);
    }
    pincode(shared_levels_entry);
    first.handler = decline; first.level = 4; first.priority = INTCLASS1;
    second.handler = claim; second.level = 4; second.priority = INTCLASS1;
    exclusive.handler = claim; exclusive.level = 4; exclusive.priority = INTCLASS1;
    exclusive.flags = INTR_NOT_SHARED;
    i_init(&first);
    i_init(&second);
    printf("exclusive: %d\n", i_init(&exclusive));
    return 0;
}
