/*
 * The user side of lib_import: one system call whose kext calls into another kext
 * (lib_export) directly.
 *
 * Try: aixsim load lib_export lib_import --user kext-samples/user-programs/lib_import.c
 */
#include <errno.h>
#include <stdio.h>

extern int checksum(char *buf, int n);

int main(void)
{
    char text[] = "AIX";
    int sum = checksum(text, 3);
    printf("checksum(\"%s\") = %d\n", text, sum);
    if (checksum((char *)0xF100000040000000UL, 3) != -1 || errno != EFAULT)
        return 1;
    return sum == 226 ? 0 : 1;
}
