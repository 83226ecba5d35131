/* <stdio.h> for a 64-bit AIX user program: formatted output only. What the program prints
   appears in aixsim's report as the user side's output, in order with its calls. */
#ifndef AIXSIM_USER_STDIO_H
#define AIXSIM_USER_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)

typedef struct aixsim_user_file FILE;
extern FILE *stdout, *stderr;

int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *stream, const char *format, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *format, va_list ap);
int snprintf(char *s, size_t n, const char *format, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *s, size_t n, const char *format, va_list ap);
int sprintf(char *s, const char *format, ...) __attribute__((format(printf, 2, 3)));
int puts(const char *s);
int putchar(int c);
void perror(const char *s);

#endif
