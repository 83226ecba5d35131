/* expect: findings term-failed */
/* A real kext for SourceLocatorTests: the registry maps its code addresses to these lines. */
#include <sys/types.h>
#include <sys/device.h>

int located_value(int x) { return x * 7 + 1; }

int located_entry(int cmd, struct uio *uiop)
{
    return located_value(cmd) == 8 ? 0 : 1;
}
