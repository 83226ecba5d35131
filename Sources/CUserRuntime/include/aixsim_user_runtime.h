/*
 * The host side of a C user program: runs the program's main as a coroutine on a stack inside
 * the simulated user segment, and turns each call the program's C library makes into aixsim
 * (a system call, a file call, printf's text, malloc) into a request the Swift side answers.
 *
 * Why a coroutine: kernel code must never run on the user stack (the segment is closed to the
 * kernel while a system call runs, as the user address space is on AIX), so every request
 * switches back to the host stack, the Swift side makes the system call exactly as a scenario
 * step does, and the program resumes with the result. Each run of user code is one guarded
 * invocation, so a fault in the program ends that invocation as a user-process fault.
 *
 * struct aixsim_user_call and struct aixsim_user_runtime are also declared, identically, in
 * Sources/AIXSimKernelABI/user-include/aixsim/user_runtime.h for the program's side; the magic
 * number changes when either changes.
 */
#ifndef AIXSIM_USER_RUNTIME_H
#define AIXSIM_USER_RUNTIME_H

#include <stddef.h>
#include <stdarg.h>
#include "aixsim_guard.h"

enum { AIXSIM_USER_RUNTIME_MAGIC = 0x41495855 /* "AIXU" */ };

/* What the program asked for. */
enum aixsim_user_call_kind {
    AIXSIM_USER_SYSCALL = 1,  /* a system call a kext exports; name says which */
    AIXSIM_USER_OPEN = 2,     /* open(path, oflag) */
    AIXSIM_USER_CLOSE = 3,
    AIXSIM_USER_READ = 4,
    AIXSIM_USER_WRITE = 5,
    AIXSIM_USER_IOCTL = 6,
    AIXSIM_USER_PRINT = 7,    /* text the program wrote to stdout: name, args[0] bytes */
    AIXSIM_USER_MALLOC = 8,
    AIXSIM_USER_FREE = 9,
    AIXSIM_USER_EXIT = 10,    /* exit(status) or main's return */
    AIXSIM_USER_MKNOD = 11,   /* mknod(path, mode, dev) */
    AIXSIM_USER_INTERRUPT = 12, /* aixsim_device_interrupt(level): the hardware, not a call */
};

struct aixsim_user_call {
    int kind;
    int error;                /* the errno the call leaves, 0 when it succeeded */
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

const struct aixsim_user_runtime *aixsim_user_runtime_table(void);

/* Starts main(argc, argv) on [stack, stack + size); returns when the program makes a request,
   returns from main, or faults. *request holds the request (kind EXIT when main returned). */
enum aixsim_guard_outcome aixsim_user_start(int (*main)(int, char **), int argc, char **argv,
                                            void *stack, size_t size,
                                            struct aixsim_user_call *request, struct aixsim_fault *fault);
/* Answers the last request with result and error and runs the program to its next one. */
enum aixsim_guard_outcome aixsim_user_resume(long result, int error,
                                             struct aixsim_user_call *request, struct aixsim_fault *fault);

/* The loaded object holding `symbol`, page-rounded, in up to three pieces: its read-only image
   (text, read-only data), the part of its writable segment the dynamic loader itself reads
   (RELRO: .dynamic, .got; the host's dladdr reads it whatever the program does), and its
   static data proper (.data, .bss). Returns how many pieces it wrote, 0 if none was found. */
struct aixsim_user_segment {
    uintptr_t start, end;
    int data;     /* 1: in the program's data segment; 0: its text segment */
    int closes;   /* 1: may be closed to kernel code while a system call runs */
};
int aixsim_user_program_segments(const void *symbol, struct aixsim_user_segment *out, int max);

#endif
