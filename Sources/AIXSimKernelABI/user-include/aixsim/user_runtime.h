/*
 * The one table between a C user program's C library and aixsim's user runtime: the call
 * record and the runtime's entry points. The program's side includes it as <aixsim/user_runtime.h>;
 * the host's side (Sources/CUserRuntime/include/aixsim_user_runtime.h) includes this same file,
 * so the two cannot disagree. The magic number changes when the table does.
 */
#ifndef AIXSIM_USER_RUNTIME_PROGRAM_H
#define AIXSIM_USER_RUNTIME_PROGRAM_H

#include <stdarg.h>

#define AIXSIM_USER_RUNTIME_MAGIC 0x41495855UL /* "AIXU" */

/* What the program asked for. */
enum aixsim_user_call_kind {
    AIXSIM_USER_SYSCALL = 1,    /* a system call a kext exports; name says which */
    AIXSIM_USER_OPEN = 2,       /* open(path, oflag) */
    AIXSIM_USER_CLOSE = 3,
    AIXSIM_USER_READ = 4,
    AIXSIM_USER_WRITE = 5,
    AIXSIM_USER_IOCTL = 6,
    AIXSIM_USER_PRINT = 7,      /* text the program wrote to stdout: name, args[0] bytes */
    AIXSIM_USER_MALLOC = 8,
    AIXSIM_USER_FREE = 9,
    AIXSIM_USER_EXIT = 10,      /* exit(status) or main's return */
    AIXSIM_USER_MKNOD = 11,     /* mknod(path, mode, dev) */
    AIXSIM_USER_INTERRUPT = 12, /* aixsim_device_interrupt(level): the hardware, not a call */
};

struct aixsim_user_call {
    int kind;
    int error;                  /* the errno the call leaves, 0 when it succeeded */
    const char *name;
    long args[6];
    long result;
};

/* What the program's C library is handed (its pointer __aixsim_user_runtime). */
struct aixsim_user_runtime {
    unsigned long magic;
    long (*enter)(struct aixsim_user_call *call);
    int (*vformat)(char *buffer, unsigned long size, const char *format, va_list ap);
};

#ifndef AIXSIM_USER_RUNTIME_HOST
/* Set by aixsim before main runs. */
extern const struct aixsim_user_runtime *__aixsim_user_runtime;

/* Makes one call into aixsim and sets errno from its error, as AIX's system call stub does. */
long __aixsim_user_call(int kind, const char *name, long a0, long a1, long a2, long a3, long a4, long a5);
#endif

#endif
