/*
 * pin_syscall: a kext exporting a system call (pin_syscall.exp, syscall64) that pins the
 * caller's buffer while it works on it, as a driver does before handing user memory to a
 * device. The user's buffer is reached only through copyin/copyout; errors go back to the
 * program as -1 and errno (setuerror).
 *
 *   int sum_words(int *words, int count): pins words[0..count), sums them, writes the sum
 *   back into words[0], unpins; returns the sum.
 *
 * Try: aixsim load pin_syscall --user kext-samples/pin_syscall.user.json
 *  or: aixsim load pin_syscall --user kext-samples/user-programs/pin_syscall.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>

#define MAX_WORDS 16

/* AIX 5.3's 64-bit <sys/uio.h> declares pinu and unpinu only for the 32-bit kernel; 64-bit
   drivers declared them themselves. */
extern int pinu(caddr_t base, int len, short segflg);
extern int unpinu(caddr_t base, int len, short segflg);

int sum_words(int *words, int count)
{
    int k[MAX_WORDS], sum = 0, i, rc;
    if (count <= 0 || count > MAX_WORDS) {
        setuerror(EINVAL);
        return -1;
    }
    if ((rc = pinu((caddr_t)words, count * (int)sizeof(int), UIO_USERSPACE)) != 0) {
        setuerror(rc);
        return -1;
    }
    rc = copyin(words, k, count * sizeof(int));
    if (rc == 0) {
        for (i = 0; i < count; i++)
            sum += k[i];
        rc = copyout(&sum, words, sizeof sum);
    }
    unpinu((caddr_t)words, count * (int)sizeof(int), UIO_USERSPACE);
    if (rc != 0) {
        setuerror(rc);
        return -1;
    }
    return sum;
}

int pin_syscall_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
