/*
 * Not an AIX header: aixsim's stand-in for the hardware while a C user program waits. A real
 * device raises its interrupt on its own; in aixsim the program says when, as a scenario's
 * "interrupt" step does, and the kext's handler runs at interrupt level before the call returns.
 */
#ifndef AIXSIM_HARDWARE_H
#define AIXSIM_HARDWARE_H

#include <aixsim/user_runtime.h>

static inline void aixsim_device_interrupt(int level)
{
    __aixsim_user_call(AIXSIM_USER_INTERRUPT, "interrupt", level, 0, 0, 0, 0, 0);
}

#endif
