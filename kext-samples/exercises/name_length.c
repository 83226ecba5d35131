/* expect: findings user-expectation; with --user name_length.json */
/*
 * Exercise name_length: a driver stores the name a program gives its adapter and returns the
 * name's length, which the program's manual page promises is strlen(name). The user program
 * (name_length.json) sets the name "eth-lab". The run ends with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/name_length.c --user kext-samples/exercises/name_length.json
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>

#define NAME_MAX_LEN 16

static char adapter_name[NAME_MAX_LEN];

/* int set_adapter_name(char *name): the name's length, or -1 with errno. */
int set_adapter_name(char *uname)
{
    size_t copied;
    int rc;
    if ((rc = copyinstr(uname, adapter_name, sizeof adapter_name, &copied)) != 0) {
        setuerror(rc);
        return -1;
    }
    return (int)copied;
}

int name_length_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
