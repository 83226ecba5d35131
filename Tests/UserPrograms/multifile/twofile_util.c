/* The second file of the twofile kext: external functions with no header, as the first file
   calls them. */
#include <sys/types.h>

int twofile_sum(int n)
{
    int total = 0;
    while (n > 0)
        total += n--;
    return total;
}

int twofile_poke(int *where)
{
    *where = 42;
    return 0;
}
