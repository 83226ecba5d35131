/*
 * One typed C thunk per exported service, generated from kernex.def: the kernel-services table
 * a kext is handed points at these. A thunk packs its arguments into register-sized slots and
 * enters Swift once, through one @convention(c) entry, with the export's index, the kext that
 * is running (the innermost call into kext code on this thread) and its own return address.
 * No libffi closure and no argument decoding by signature on the way out of a kext.
 */
#include <stdint.h>
#include "aixsim_kernel_abi.h"
#include "aixsim_kext_call.h"

/* The AIX type names kernex.def uses, as the table declaration spells them. */
#include "aixsim/kernex_ctypes.h"

static aixsim_service_entry service_entry;
static __thread struct aixsim_invocation *innermost;

void aixsim_set_service_entry(aixsim_service_entry entry) { service_entry = entry; }

void aixsim_invocation_push(struct aixsim_invocation *invocation)
{
    invocation->outer = innermost;
    innermost = invocation;
}

void aixsim_invocation_pop(struct aixsim_invocation *invocation) { innermost = invocation->outer; }

/* Export-list indices, in kernex.def order (the order exports.c gives them). */
enum {
#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env) AIXSIM_SERVICE_##name,
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env) AIXSIM_SERVICE_##name,
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env) AIXSIM_SERVICE_##name,
#include "aixsim/kernex.def"
#undef AIXSIM_EXPORT
#undef AIXSIM_EXPORT_VA
#undef AIXSIM_EXPORT_VOID
    AIXSIM_SERVICE_COUNT
};

/* Each argument widened to 64 bits as the x86-64 ABI would sign- or zero-extend it: through
   uintptr_t, so an int of -1 becomes all ones and a pointer its address. */
#define AIXSIM_SLOT(x) (uint64_t)(uintptr_t)(x)
#define AIXSIM_NARGS(...) AIXSIM_NARGS_(0, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define AIXSIM_NARGS_(z, a, b, c, d, e, f, n, ...) n
#define AIXSIM_CAT(a, b) AIXSIM_CAT_(a, b)
#define AIXSIM_CAT_(a, b) a##b
#define AIXSIM_SLOTS(...) AIXSIM_CAT(AIXSIM_SLOTS_, AIXSIM_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define AIXSIM_SLOTS_0() 0
#define AIXSIM_SLOTS_1(a) AIXSIM_SLOT(a)
#define AIXSIM_SLOTS_2(a, b) AIXSIM_SLOT(a), AIXSIM_SLOT(b)
#define AIXSIM_SLOTS_3(a, b, c) AIXSIM_SLOTS_2(a, b), AIXSIM_SLOT(c)
#define AIXSIM_SLOTS_4(a, b, c, d) AIXSIM_SLOTS_3(a, b, c), AIXSIM_SLOT(d)
#define AIXSIM_SLOTS_5(a, b, c, d, e) AIXSIM_SLOTS_4(a, b, c, d), AIXSIM_SLOT(e)
#define AIXSIM_SLOTS_6(a, b, c, d, e, f) AIXSIM_SLOTS_5(a, b, c, d, e), AIXSIM_SLOT(f)

/* Two argument slots, stored as one 16-byte write. Swift copies the arguments in 16-byte moves;
   a 16-byte load of two separate 8-byte stores made a moment before cannot be forwarded from the
   store buffer and stalls until they reach the cache, a few nanoseconds on every call. */
typedef uint64_t aixsim_slot_pair __attribute__((vector_size(16), aligned(8), may_alias));

static inline __attribute__((always_inline)) void store_slots(struct aixsim_service_call *call,
                                                              const uint64_t slots[6])
{
    aixsim_slot_pair *pairs = (aixsim_slot_pair *)call->arguments;
    pairs[0] = (aixsim_slot_pair){slots[0], slots[1]};
    pairs[1] = (aixsim_slot_pair){slots[2], slots[3]};
    pairs[2] = (aixsim_slot_pair){slots[4], slots[5]};
}

/* Inlined into every thunk (a few dozen bytes each): one call level fewer on every service call.
   The fault guard's service scope (aixsim_service_run_inline, inlined here too) brackets the Swift
   service exactly as the libffi dispatcher did, and performs the abandon/resume jump only after
   Swift has returned. */
static inline __attribute__((always_inline)) int64_t enter(uint32_t index, uint32_t count, struct aixsim_service_call *call,
                                               void *return_address)
{
    struct aixsim_invocation *invocation = innermost;
    call->index = index;
    call->count = count;
    call->kernel = invocation ? invocation->kernel : 0;
    call->kext = invocation ? invocation->kext : -1;
    call->return_address = (uintptr_t)return_address;
    call->result = 0;
    aixsim_service_run_inline(service_entry, call);
    return call->result;
}

#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env)                                       \
    static ret aixsim_thunk_##name params                                                           \
    {                                                                                               \
        struct aixsim_service_call call;                                                            \
        store_slots(&call, (const uint64_t[6]){AIXSIM_SLOTS args});                                 \
        return (ret)(uintptr_t)enter(AIXSIM_SERVICE_##name, AIXSIM_NARGS args, &call,               \
                                     __builtin_return_address(0));                                  \
    }
/* The table entry of a variadic service takes its one fixed argument and a va_list (kernex.def);
   both are register-sized, so the thunk takes them as integers. */
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env)                          \
    static ret aixsim_thunk_##name(uintptr_t last, va_list ap)                                      \
    {                                                                                               \
        struct aixsim_service_call call;                                                            \
        store_slots(&call, (const uint64_t[6]){AIXSIM_SLOT(last), AIXSIM_SLOT(ap)});                \
        return (ret)(uintptr_t)enter(AIXSIM_SERVICE_##name, 2, &call, __builtin_return_address(0)); \
    }
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env)                                       \
    static void aixsim_thunk_##name params                                                          \
    {                                                                                               \
        struct aixsim_service_call call;                                                            \
        store_slots(&call, (const uint64_t[6]){AIXSIM_SLOTS args});                                 \
        enter(AIXSIM_SERVICE_##name, AIXSIM_NARGS args, &call, __builtin_return_address(0));       \
    }
#include "aixsim/kernex.def"
#undef AIXSIM_EXPORT
#undef AIXSIM_EXPORT_VA
#undef AIXSIM_EXPORT_VOID

static const void *const thunks[] = {
#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env) (const void *)aixsim_thunk_##name,
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env) (const void *)aixsim_thunk_##name,
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env) (const void *)aixsim_thunk_##name,
#include "aixsim/kernex.def"
#undef AIXSIM_EXPORT
#undef AIXSIM_EXPORT_VA
#undef AIXSIM_EXPORT_VOID
};

uint32_t aixsim_service_thunk_count(void) { return AIXSIM_SERVICE_COUNT; }

const void *aixsim_service_thunk(uint32_t index)
{
    return index < AIXSIM_SERVICE_COUNT ? thunks[index] : 0;
}
