/* <stdlib.h> for a 64-bit AIX user program. malloc hands out memory in the process's data
   segment (user addresses); free is accepted, the memory is not reused within the run. */
#ifndef AIXSIM_USER_STDLIB_H
#define AIXSIM_USER_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void free(void *p);
void exit(int status) __attribute__((noreturn));
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
int abs(int n);

#endif
