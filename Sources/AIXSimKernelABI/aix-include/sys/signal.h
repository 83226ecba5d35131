/* <sys/signal.h>: AIX's signal numbers (which differ from Linux's past SIGTRAP). aixsim sends
   kexts no signals; the numbers are for source that names them. */
#ifndef AIXSIM_SYS_SIGNAL_H
#define AIXSIM_SYS_SIGNAL_H

#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGIOT   SIGABRT
#define SIGEMT   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGBUS   10
#define SIGSEGV  11
#define SIGSYS   12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGURG   16
#define SIGSTOP  17
#define SIGTSTP  18
#define SIGCONT  19
#define SIGCHLD  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGIO    23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGMSG   27
#define SIGWINCH 28
#define SIGPWR   29
#define SIGUSR1  30
#define SIGUSR2  31
#define SIGPROF  32
#define SIGDANGER 33
#define SIGVTALRM 34
#define SIGMIGRATE 35
#define SIGPRE   36
#define SIGVIRT  37
#define SIGTALRM 38
#define SIGWAITING 39
#define SIGKAP   60
#define SIGGRANT SIGKAP
#define SIGRETRACT 61
#define SIGSOUND 62
#define SIGSAK   63
#define SIGMAX   63

typedef struct { unsigned long ss_set[4]; } sigset_t;

/* pidsig: kernel code only (a user program's signal.h has no services). */
#ifdef _KERNEL
#undef AIXSIM_WANT_sys_signal
#define AIXSIM_WANT_sys_signal(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_signal
#define AIXSIM_WANT_sys_signal(x)
#endif

#endif
