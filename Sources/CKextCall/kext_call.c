#include "aixsim_kext_call.h"

/* One ffi_call's arguments, carried through the guard's body pointer. */
struct ffi_call_arguments {
    ffi_cif *cif;
    void (*fn)(void);
    void *rvalue;
    void **avalue;
};

static void call_through_ffi(void *context)
{
    struct ffi_call_arguments *a = context;
    ffi_call(a->cif, a->fn, a->rvalue, a->avalue);
}

enum aixsim_guard_outcome aixsim_guarded_ffi_call(ffi_cif *cif, void (*fn)(void), void *rvalue,
                                                  void **avalue, struct aixsim_fault *fault)
{
    struct ffi_call_arguments arguments = { cif, fn, rvalue, avalue };
    return aixsim_guarded_invoke(call_through_ffi, &arguments, fault);
}

enum aixsim_guard_outcome aixsim_invoke_kext(ffi_cif *cif, void (*fn)(void), void *rvalue, void **avalue,
                                             struct aixsim_fault *fault, const void *kernel, long kext)
{
    /* On the C stack for the whole call; a fault or an abandoned call lands back in
       aixsim_guarded_invoke, which returns here normally, so the pop always happens. */
    struct aixsim_invocation invocation = { kernel, kext, 0 };
    aixsim_invocation_push(&invocation);
    enum aixsim_guard_outcome outcome = aixsim_guarded_ffi_call(cif, fn, rvalue, avalue, fault);
    aixsim_invocation_pop(&invocation);
    return outcome;
}

static aixsim_service_handler service_handler;

void aixsim_set_service_handler(aixsim_service_handler handler)
{
    service_handler = handler;
}

void aixsim_closure_dispatch(ffi_cif *cif, void *ret, void **args, void *user_data)
{
    struct aixsim_service_scope scope = aixsim_service_begin();
    int action = service_handler(cif, ret, args, user_data);
    aixsim_service_end(scope, action);
}
