/* expect: load-error */
/* Built without aixsim's AIX headers: no ABI version recorded. */
int no_headers_entry(int cmd, void *uiop)
{
    return 0;
}
