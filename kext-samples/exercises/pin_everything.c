/* expect: crash paging-failure; with --real-memory 16K */
/*
 * Exercise pin_everything: a driver on a small machine (16 KB of real memory: four frames)
 * pins its whole receive buffer to be safe, then writes a first line into its log_area region.
 *
 * Run: swift run aixsim load kext-samples/exercises/pin_everything.c --real-memory 16K
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/pin.h>
#include <string.h>

#define BUFFER_BYTES (4 * 4096)
#define LOG_BYTES 4096

static ulong buffer, log_area;

int pin_everything_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        unpin((void *)buffer, BUFFER_BYTES);
        vm_gfree(log_area, LOG_BYTES);
        return vm_gfree(buffer, BUFFER_BYTES);
    }
    if ((rc = vm_galloc(V_WORKING, BUFFER_BYTES, &buffer)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, LOG_BYTES, &log_area)) != 0)
        return rc;
    if ((rc = pin((void *)buffer, BUFFER_BYTES)) != 0)
        return rc;
    strcpy((char *)log_area, "driver configured");
    return 0;
}
