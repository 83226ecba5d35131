/* expect: ok */
/* errsave: an error-log entry with four bytes of detail data shows in the report's timeline. */
#include <sys/types.h>
#include <sys/errids.h>
#include <sys/device.h>
#include <string.h>

static struct {
    struct err_rec0 hdr;
    unsigned int status;
} entry;

int
errsave_entry_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;
    entry.hdr.error_id = 0xBEEF0001;
    strcpy(entry.hdr.resource_name, "mydd0");
    entry.status = 7;
    errsave((struct err_rec *)&entry, sizeof entry);
    return 0;
}
