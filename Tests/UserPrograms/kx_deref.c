/* kx_deref's bug from a C program: the kext reads the user's local array directly. */
#include <stdio.h>

extern int kx_deref_sum(const int *values, int count);

int main(void)
{
    int values[3] = { 1, 2, 3 };
    printf("calling kx_deref_sum\n");
    return kx_deref_sum(values, 3) == 6 ? 0 : 1;
}
