/* The export list as data: one descriptor per line of kernex.def, in table order. */
#include <stddef.h>
#include "aixsim_kernel_abi.h"
#include "aixsim/kernex_headers.h"

#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env)                              \
    {#name, AIXSIM_HEADER_##hdr, #ret " " #name #params, sig, AIXSIM_ENV_##env,              \
     (uint32_t)offsetof(struct aixsim_kernel_services, name), 0},
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env)                  \
    {#name, AIXSIM_HEADER_##hdr, #ret " " #name #params, sig, AIXSIM_ENV_##env,              \
     (uint32_t)offsetof(struct aixsim_kernel_services, name), 1},

#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env)                               \
    {#name, AIXSIM_HEADER_##hdr, "void " #name #params, sig, AIXSIM_ENV_##env,               \
     (uint32_t)offsetof(struct aixsim_kernel_services, name), 0},

static const struct aixsim_export exports[] = {
#include "aixsim/kernex.def"
};

uint32_t aixsim_export_count(void) { return sizeof(exports) / sizeof(exports[0]); }

const struct aixsim_export *aixsim_export_at(uint32_t index)
{
    return index < aixsim_export_count() ? &exports[index] : 0;
}
