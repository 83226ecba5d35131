/* expect: load-error */
/* Calls host C library functions no AIX kernel exports. */
#include <sys/types.h>
#include <stdlib.h>

extern void *fopen(const char *, const char *);
extern int pthread_create(void *, const void *, void *(*)(void *), void *);

int imports_libc_entry(int cmd, struct uio *uiop)
{
    void *p = malloc(16);
    fopen("/etc/passwd", "r");
    pthread_create(0, 0, 0, 0);
    return p == 0;
}
