/*
 * Calls into kext code through libffi, and kernel services back out of it through libffi
 * closures: the one layer that knows <ffi.h>. Both directions run inside the fault guard
 * (aixsim_guard.h): a call is a guarded invocation, a service is a service scope.
 */
#ifndef AIXSIM_KEXT_CALL_H
#define AIXSIM_KEXT_CALL_H

#include <ffi.h>
#include <stdint.h>
#include "aixsim_guard.h"

/* Calls fn through libffi under the guard. */
enum aixsim_guard_outcome aixsim_guarded_ffi_call(ffi_cif *cif, void (*fn)(void), void *rvalue,
                                                  void **avalue, struct aixsim_fault *fault);

/* Kernel-service dispatch. The Swift side registers one handler; every libffi closure of every
   kext table calls aixsim_closure_dispatch, which calls the handler with the closure's user data.
   The handler returns an aixsim_service_action: 1 to abandon the kext's call, 2 to resume the
   context passed to aixsim_request_resume (longjmpx), 0 to return normally. */
typedef int (*aixsim_service_handler)(ffi_cif *cif, void *ret, void **args, void *user_data);
void aixsim_set_service_handler(aixsim_service_handler handler);
void aixsim_closure_dispatch(ffi_cif *cif, void *ret, void **args, void *user_data);

/* The typed path (service_thunks.c): the table a kext is handed points at one C thunk per export,
   each filling an aixsim_service_call (aixsim_guard.h) and entering the kernel through one entry
   inside the fault guard's service scope (aixsim_service_run). */
void aixsim_set_service_entry(aixsim_service_entry entry);
uint32_t aixsim_service_thunk_count(void);
const void *aixsim_service_thunk(uint32_t index);

/* Which kext's code is running on this thread: the loader pushes one invocation around every
   call into kext code (entry points, interrupt and timer handlers) and pops it afterwards, so a
   service call is attributed to the innermost one. Kext code runs only inside such calls, and
   one kext never calls another's code directly, so this is exact. */
struct aixsim_invocation {
    const void *kernel;
    long kext;
    struct aixsim_invocation *outer;
};
void aixsim_invocation_push(struct aixsim_invocation *invocation);
void aixsim_invocation_pop(struct aixsim_invocation *invocation);

/* Calls fn through libffi under the guard as the innermost invocation of `kext` of `kernel`. */
enum aixsim_guard_outcome aixsim_invoke_kext(ffi_cif *cif, void (*fn)(void), void *rvalue, void **avalue,
                                             struct aixsim_fault *fault, const void *kernel, long kext);

#endif
