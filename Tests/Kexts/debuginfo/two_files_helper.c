/* expect: load-error */
/* Second file of the two-file kext for SourceLocatorTests. */
int dbg_helper(int x) { return x > 3 ? x - 3 : x + 5; }

int dbg_spread(int x)
{
    int total = 0;
    for (int i = 0; i < x; i++)
        total += i * x;
    return total;
}
