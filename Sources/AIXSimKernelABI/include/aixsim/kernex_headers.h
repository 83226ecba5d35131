/*
 * The AIX headers that declare exported services, by the tag kernex.def uses.
 * AIXSIM_HEADER_<tag> is the file name; AIXSIM_WANT_<tag>(x) expands to nothing until that
 * header, while it is being included, redefines it to emit its own services' wrappers.
 */
#ifndef AIXSIM_KERNEX_HEADERS_H
#define AIXSIM_KERNEX_HEADERS_H

#define AIXSIM_HEADER_sys_vmuser "sys/vmuser.h"
#define AIXSIM_HEADER_sys_uio "sys/uio.h"
/* Declared by <sys/uio.h> only for the 32-bit kernel (pinu, unpinu). */
#define AIXSIM_HEADER_sys_uio_32 "sys/uio.h"
#define AIXSIM_HEADER_stdio "stdio.h"
#define AIXSIM_HEADER_sys_types "sys/types.h"
#define AIXSIM_HEADER_sys_intr "sys/intr.h"
#define AIXSIM_HEADER_sys_thread "sys/thread.h"
#define AIXSIM_HEADER_sys_syspest "sys/syspest.h"
#define AIXSIM_HEADER_sys_timer "sys/timer.h"
#define AIXSIM_HEADER_sys_sleep "sys/sleep.h"
#define AIXSIM_HEADER_sys_except "sys/except.h"
#define AIXSIM_HEADER_sys_pin "sys/pin.h"
#define AIXSIM_HEADER_sys_malloc "sys/malloc.h"
#define AIXSIM_HEADER_sys_lockl "sys/lockl.h"
#define AIXSIM_HEADER_sys_lock_def "sys/lock_def.h"
#define AIXSIM_HEADER_sys_lock_alloc "sys/lock_alloc.h"
#define AIXSIM_HEADER_sys_user "sys/user.h"
#define AIXSIM_HEADER_sys_device "sys/device.h"
#define AIXSIM_HEADER_sys_xmem "sys/xmem.h"
#define AIXSIM_HEADER_sys_errno "sys/errno.h"
#define AIXSIM_HEADER_sys_atomic_op "sys/atomic_op.h"
#define AIXSIM_HEADER_sys_time "sys/time.h"
#define AIXSIM_HEADER_sys_errids "sys/errids.h"
#define AIXSIM_HEADER_sys_watchdog "sys/watchdog.h"
#define AIXSIM_HEADER_sys_signal "sys/signal.h"
#define AIXSIM_HEADER_sys_ioacc "sys/ioacc.h"

#define AIXSIM_WANT_sys_vmuser(x)
#define AIXSIM_WANT_sys_uio(x)
#define AIXSIM_WANT_sys_uio_32(x)
#define AIXSIM_WANT_stdio(x)
#define AIXSIM_WANT_sys_types(x)
#define AIXSIM_WANT_sys_intr(x)
#define AIXSIM_WANT_sys_thread(x)
#define AIXSIM_WANT_sys_syspest(x)
#define AIXSIM_WANT_sys_timer(x)
#define AIXSIM_WANT_sys_sleep(x)
#define AIXSIM_WANT_sys_except(x)
#define AIXSIM_WANT_sys_pin(x)
#define AIXSIM_WANT_sys_malloc(x)
#define AIXSIM_WANT_sys_lockl(x)
#define AIXSIM_WANT_sys_lock_def(x)
#define AIXSIM_WANT_sys_lock_alloc(x)
#define AIXSIM_WANT_sys_user(x)
#define AIXSIM_WANT_sys_device(x)
#define AIXSIM_WANT_sys_xmem(x)
#define AIXSIM_WANT_sys_errno(x)
#define AIXSIM_WANT_sys_atomic_op(x)
#define AIXSIM_WANT_sys_time(x)
#define AIXSIM_WANT_sys_errids(x)
#define AIXSIM_WANT_sys_watchdog(x)
#define AIXSIM_WANT_sys_signal(x)
#define AIXSIM_WANT_sys_ioacc(x)

#endif
