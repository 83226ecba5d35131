/*
 * Calls into kext code through libffi, and kernel services back out of it through libffi
 * closures: the one layer that knows <ffi.h>. Both directions run inside the fault guard
 * (aixsim_guard.h): a call is a guarded invocation, a service is a service scope.
 */
#ifndef AIXSIM_KEXT_CALL_H
#define AIXSIM_KEXT_CALL_H

#include <ffi.h>
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

#endif
