/* expect: crash panic */
/*
 * Exercise panic_config: the driver needs a line of configuration data (`--data`). Load it
 * without any. A missing configuration is the loader's mistake, not a broken kernel.
 *
 * Run: swift run aixsim load kext-samples/exercises/panic_config.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <sys/syspest.h>
#include <stdio.h>

int panic_config_entry(int cmd, struct uio *uiop)
{
    char config[64] = {0};
    if (cmd == CFG_TERM)
        return 0;
    if (uiop == NULL)
        panic("panic_config: no configuration data");
    uiomove(config, sizeof config - 1, UIO_WRITE, uiop);
    printf("configured with \"%s\"\n", config);
    return 0;
}
