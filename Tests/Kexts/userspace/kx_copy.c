/* expect: ok; with --user ../../UserPrograms/kx_copy.json */
/*
 * System calls that move data across the user/kernel boundary the way AIX requires: every
 * user pointer reaches kernel memory through copyin/copyout/copyinstr or fubyte/subyte/
 * fuword/suword, never by dereference, and failures reach the program as -1 with errno set by
 * setuerror. kx_copy.exp exports them to 64-bit processes.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/device.h>
#include <sys/malloc.h>

static int fail(int error)
{
    setuerror(error);
    return -1;
}

/* Copies len bytes of the user's src in, upper-cases them, and copies them out to dst. */
int kx_shout(char *src, char *dst, int len)
{
    char kbuf[64];
    int i, rc;
    if (len < 0 || len > (int)sizeof kbuf)
        return fail(EINVAL);
    if ((rc = copyin(src, kbuf, len)) != 0)
        return fail(rc);
    for (i = 0; i < len; i++)
        if (kbuf[i] >= 'a' && kbuf[i] <= 'z')
            kbuf[i] -= 'a' - 'A';
    if ((rc = copyout(kbuf, dst, len)) != 0)
        return fail(rc);
    return len;
}

/* The length of a user string (without its NUL), read with copyinstr into 16 bytes. */
int kx_namelen(char *name)
{
    char kname[16];
    uint actual = 0;
    int rc = copyinstr(name, kname, sizeof kname, &actual);
    if (rc != 0)
        return fail(rc);
    return (int)actual - 1;
}

/* Adds one to the user's byte and doubles the user's word; returns the old byte. */
int kx_bump(uchar *byte, int *word)
{
    int b = fubyte(byte), w = fuword(word);
    if (b == -1)
        return fail(EFAULT);
    if (subyte(byte, (uchar)(b + 1)) != 0 || suword(word, w * 2) != 0)
        return fail(EFAULT);
    return b;
}

/* A kext bug the kernel refuses: copyout "to the user" at an address that is the kernel's. */
int kx_leak(void)
{
    char secret[8] = "kernel!";
    char *kernel_buffer = xmalloc(8, 3, kernel_heap);
    int rc;
    if (kernel_buffer == NULL)
        return fail(ENOMEM);
    rc = copyout(secret, kernel_buffer, sizeof secret);
    xmfree(kernel_buffer, kernel_heap);
    return rc == 0 ? 0 : fail(rc);
}

int kx_copy_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
