/* expect: crash dsi */
/*
 * Student kext 4, "buggy": keeps the last page of a log in an xmalloc'd buffer and ends it with a
 * NUL so it prints as a string (course chapter 7, xmalloc over galloc). One mistake, the one a
 * student makes most: the buffer holds LOG_BYTES characters, and the terminator goes one past it.
 *
 * Run: swift run aixsim load kext-samples/exercises/student/buggy.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/device.h>
#include <stdio.h>

#define LOG_BYTES 4096

static char *log_page;

int buggy_entry(int cmd, struct uio *uiop)
{
    int i;
    if (cmd == CFG_TERM) {
        xmfree(log_page, kernel_heap);
        return 0;
    }
    log_page = xmalloc(LOG_BYTES, 12, kernel_heap);
    if (log_page == NULL)
        return ENOMEM;
    for (i = 0; i < LOG_BYTES; i++)
        log_page[i] = 'a' + i % 26;
    log_page[LOG_BYTES] = '\0'; /* BUG */
    printf("log starts with %.8s\n", log_page);
    return 0;
}
