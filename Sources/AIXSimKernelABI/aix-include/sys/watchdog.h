/*
 * <sys/watchdog.h>: watchdog timers, a coarse (one-second) timer a driver restarts around each
 * I/O operation so that a lost completion calls its handler. struct watchdog is defined with
 * the kernel-services ABI, which aixsim shares with kexts.
 */
#ifndef AIXSIM_SYS_WATCHDOG_H
#define AIXSIM_SYS_WATCHDOG_H

#include <sys/types.h>

#undef AIXSIM_WANT_sys_watchdog
#define AIXSIM_WANT_sys_watchdog(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_watchdog
#define AIXSIM_WANT_sys_watchdog(x)

#endif
