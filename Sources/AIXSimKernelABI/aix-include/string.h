/* <string.h>: the string functions of libcsys, which kernel code may import; only those, so
   a call to any other is a compile-time warning and a refused import, not a host call. */
#ifndef AIXSIM_STRING_H
#define AIXSIM_STRING_H

#include <sys/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);

#endif
