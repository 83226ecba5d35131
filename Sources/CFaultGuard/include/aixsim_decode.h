#ifndef AIXSIM_DECODE_H
#define AIXSIM_DECODE_H

#include <stdint.h>

/* The data address the faulting instruction of a signal's ucontext (`context`) accessed, and
   whether it stored, decoded from the instruction's bytes and the saved registers. Returns 1,
   or 0 when the instruction is not a form it knows (then nothing is set). Async-signal-safe. */
int aixsim_decode_access(const void *context, uintptr_t *address, int *is_write);

#endif
