/*
 * <stdio.h> for kernel code: the kernel has no stdio, only its own printf, whose output goes
 * to the console (in aixsim, to the report, in order with the kext's other calls).
 */
#ifndef AIXSIM_STDIO_H
#define AIXSIM_STDIO_H

#include <stddef.h>
#include <sys/types.h>

#undef AIXSIM_WANT_stdio
#define AIXSIM_WANT_stdio(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_stdio
#define AIXSIM_WANT_stdio(x)

#endif
