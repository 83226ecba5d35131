/* expect: ok */
/* Uses only libcsys string functions, which kernel code may import. */
#include <sys/types.h>
#include <sys/errno.h>
#include <string.h>
#include <strings.h>

int imports_string_entry(int cmd, struct uio *uiop)
{
    char a[32], b[32];
    volatile size_t n = 5;
    memset(a, 'x', n);
    a[5] = 0;
    memcpy(b, a, n + 1);
    bzero(a, sizeof a);
    return strcmp(b, "xxxxx") == 0 && strlen(b) == 5 ? 0 : EIO;
}
