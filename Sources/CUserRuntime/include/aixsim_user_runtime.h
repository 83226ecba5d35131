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
 * The call record and the runtime table come from the program's own header, included below,
 * so both sides compile one declaration.
 */
#ifndef AIXSIM_USER_RUNTIME_H
#define AIXSIM_USER_RUNTIME_H

#include <stddef.h>
#include <stdarg.h>
#include "aixsim_guard.h"

/* The program's side of the table; the host declares none of the program's own symbols. */
#define AIXSIM_USER_RUNTIME_HOST
#include "../../AIXSimKernelABI/user-include/aixsim/user_runtime.h"

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
