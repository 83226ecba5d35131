/*
 * The user side of pin_syscall, written as a user would: main calls the kext's system call by
 * name, checks what comes back and errno, and prints.
 *
 * Try: aixsim load pin_syscall --user kext-samples/user-programs/pin_syscall.c
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Exported by pin_syscall.exp (syscall64); aixsim binds it when the program is loaded. */
extern int sum_words(int *words, int count);

/* A global: static data is user memory too, closed to kernel code like the stack. */
int totals[2];

int main(void)
{
    int words[3] = { 10, 20, 12 };
    int failures = 0;

    int sum = sum_words(words, 3);
    printf("sum_words(words, 3) = %d, words[0] now %d\n", sum, words[0]);
    failures += sum != 42 || words[0] != 42;

    if (sum_words(words, 0) != -1 || errno != EINVAL)
        failures++;
    printf("sum_words(words, 0) failed with errno %d (EINVAL)\n", errno);

    int *heap = malloc(3 * sizeof(int));
    heap[0] = 1, heap[1] = 2, heap[2] = 3;
    totals[0] = 100, totals[1] = 23;
    failures += sum_words(heap, 3) != 6;
    failures += sum_words(totals, 2) != 123;

    /* A kernel address is not the process's: the kext's pinu refuses it. */
    if (sum_words((int *)0xF100000040000000UL, 3) != -1 || errno != EFAULT)
        failures++;
    printf("a kernel address: errno %d (EFAULT)\n", errno);
    return failures;
}
