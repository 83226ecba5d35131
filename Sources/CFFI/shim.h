#ifndef AIXSIM_CFFI_SHIM_H
#define AIXSIM_CFFI_SHIM_H
#include <ffi.h>

// Stable addresses of libffi's type descriptors: `&ffi_type_sint32` written in Swift is an
// inout-to-pointer conversion valid only for one call.
static inline ffi_type *cffi_type_void(void) { return &ffi_type_void; }
static inline ffi_type *cffi_type_sint32(void) { return &ffi_type_sint32; }
static inline ffi_type *cffi_type_uint32(void) { return &ffi_type_uint32; }
static inline ffi_type *cffi_type_sint16(void) { return &ffi_type_sint16; }
static inline ffi_type *cffi_type_sint64(void) { return &ffi_type_sint64; }
static inline ffi_type *cffi_type_uint64(void) { return &ffi_type_uint64; }
static inline ffi_type *cffi_type_pointer(void) { return &ffi_type_pointer; }
// Enumerators Swift does not see by name.
static inline ffi_abi cffi_default_abi(void) { return FFI_DEFAULT_ABI; }
static inline int cffi_ok(ffi_status status) { return status == FFI_OK; }
#endif
