/* A user program's own bug: it stores through NULL after a good system call. */
#include <stdio.h>

extern int kx_namelen(char *name);

int main(void)
{
    int *nowhere = 0;
    printf("namelen %d\n", kx_namelen("driver"));
    *nowhere = 1;
    printf("not reached\n");
    return 0;
}
