/* expect: load-error */
/* First of a two-file kext for SourceLocatorTests; the tests find each function's line by its text. */
int dbg_helper(int x);
int dbg_spread(int x);

/* Static, so only .symtab names it; its address escapes, so no clone renames it. */
__attribute__((noinline)) static int dbg_twice(int x) { return x * 2 + 1; }
int (*dbg_table[])(int) = { dbg_twice };

int dbg_entry(int cmd)
{
    int r = dbg_table[0](cmd);
    return dbg_helper(r) + dbg_spread(cmd);
}
