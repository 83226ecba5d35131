/*
 * kx_copy's system calls from a C program: strings and words through copyin, copyout,
 * copyinstr, fubyte/subyte and fuword/suword, and a kernel address passed as a user buffer.
 * Exits with the number of results that were not what AIX gives.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

extern int kx_shout(char *src, char *dst, int len);
extern int kx_namelen(char *name);
extern int kx_bump(unsigned char *byte, int *word);

#define KERNEL_ADDRESS ((char *)0xF100000040000000UL)

int main(void)
{
    char msg[] = "hello, aix", out[16] = { 0 };
    unsigned char byte = 41;
    int word = 21, bad = 0;

    bad += kx_shout(msg, out, 10) != 10 || strcmp(out, "HELLO, AIX") != 0;
    bad += kx_shout(KERNEL_ADDRESS, out, 10) != -1 || errno != EFAULT;
    errno = 0;
    bad += kx_shout(msg, KERNEL_ADDRESS, 10) != -1 || errno != EFAULT;
    bad += kx_namelen("driver") != 6;
    bad += kx_namelen("a name far longer than sixteen bytes") != -1 || errno != ENAMETOOLONG;
    bad += kx_bump(&byte, &word) != 41 || byte != 42 || word != 42;
    printf("out=%s byte=%d word=%d bad=%d\n", out, byte, word, bad);
    return bad;
}
