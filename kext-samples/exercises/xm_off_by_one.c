/* expect: findings xmalloc-overrun; with --xmalloc-debug maximal --seed 1 */
/*
 * Exercise xm_off_by_one: a driver copies a device name into a buffer sized for it and frees
 * the buffer. Run with xmalloc's debug checks on. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_off_by_one.c --xmalloc-debug maximal --seed 1
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <string.h>

static const char device_name[] = "scsi_disk_controller_0042_with_a_long_name_for_the_test_00";

int xm_off_by_one_entry(int cmd, struct uio *uiop)
{
    char *copy;
    if (cmd == CFG_TERM)
        return 0;
    copy = xmalloc(strlen(device_name), 0, kernel_heap);
    if (copy == NULL)
        return ENOMEM;
    strcpy(copy, device_name);
    return xmfree(copy, kernel_heap);
}
