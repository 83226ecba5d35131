/*
 * <stdlib.h>: kernel code has no C library. Declared so code written for user space compiles;
 * the loader refuses each call as an unresolved import, as AIX's loader did. Kernel memory
 * comes from xmalloc (<sys/malloc.h>).
 */
#ifndef AIXSIM_STDLIB_H
#define AIXSIM_STDLIB_H

#include <sys/types.h>

/* Parenthesised so <sys/malloc.h>'s malloc and free macros, if included first, are left alone. */
void *(malloc)(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t size);
void (free)(void *p);
void abort(void) __attribute__((noreturn));
void exit(int status) __attribute__((noreturn));
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);

#endif
