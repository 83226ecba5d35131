/*
 * The C user program's side of aixsim's user runtime: the one table its C library calls
 * through. Declared identically in Sources/CUserRuntime/include/aixsim_user_runtime.h (the
 * host's side); the magic number changes when either changes.
 */
#ifndef AIXSIM_USER_RUNTIME_PROGRAM_H
#define AIXSIM_USER_RUNTIME_PROGRAM_H

#include <stdarg.h>

#define AIXSIM_USER_RUNTIME_MAGIC 0x41495855UL

enum aixsim_user_call_kind {
    AIXSIM_USER_SYSCALL = 1, AIXSIM_USER_OPEN = 2, AIXSIM_USER_CLOSE = 3, AIXSIM_USER_READ = 4,
    AIXSIM_USER_WRITE = 5, AIXSIM_USER_IOCTL = 6, AIXSIM_USER_PRINT = 7, AIXSIM_USER_MALLOC = 8,
    AIXSIM_USER_FREE = 9, AIXSIM_USER_EXIT = 10, AIXSIM_USER_MKNOD = 11, AIXSIM_USER_INTERRUPT = 12,
};

struct aixsim_user_call {
    int kind;
    int error;
    const char *name;
    long args[6];
    long result;
};

struct aixsim_user_runtime {
    unsigned long magic;
    long (*enter)(struct aixsim_user_call *call);
    int (*vformat)(char *buffer, unsigned long size, const char *format, va_list ap);
};

/* Set by aixsim before main runs. */
extern const struct aixsim_user_runtime *__aixsim_user_runtime;

/* Makes one call into aixsim and sets errno from its error, as AIX's system call stub does. */
long __aixsim_user_call(int kind, const char *name, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
