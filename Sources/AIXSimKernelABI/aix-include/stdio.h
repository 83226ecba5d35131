/*
 * <stdio.h> for kernel code: the kernel has no stdio, only its own printf, whose output goes
 * to the console (in aixsim, to the report, in order with the kext's other calls).
 */
#ifndef AIXSIM_STDIO_H
#define AIXSIM_STDIO_H

#include <stddef.h>
#include <sys/types.h>

/* Checked like the C library's: a %s given an int is a compile-time warning. */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#undef AIXSIM_WANT_stdio
#define AIXSIM_WANT_stdio(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_stdio
#define AIXSIM_WANT_stdio(x)

#endif
