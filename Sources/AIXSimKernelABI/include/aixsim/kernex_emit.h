/*
 * Emits the inline wrappers of the services whose header tag is currently wanted.
 * Deliberately without include guard: each AIX header includes it once, with its own
 * AIXSIM_WANT_<tag> switched on.
 */
#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env) \
    AIXSIM_WANT_##hdr(AIXSIM_WRAP(name, ret, params, args))
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env) \
    AIXSIM_WANT_##hdr(AIXSIM_WRAP_VA(name, ret, params, last))
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env) \
    AIXSIM_WANT_##hdr(AIXSIM_WRAP_VOID(name, params, args))
#include "kernex.def"
#undef AIXSIM_EXPORT
#undef AIXSIM_EXPORT_VA
#undef AIXSIM_EXPORT_VOID
