#include <sys/types.h>
#include <stdio.h>

int mf_twice(int value)
{
    printf("mf_util computing\n");
    return 2 * value;
}
