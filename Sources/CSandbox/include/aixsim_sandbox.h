/*
 * The worker's sandbox: once armed, entering it (just before the kext's shared object is
 * opened) installs a seccomp filter that refuses, with SIGSYS, the host system calls a kext
 * has no business making: creating processes, running programs, signalling other processes,
 * opening files for writing, writing to descriptors other than stderr and the report channel,
 * changing the handlers of the signals aixsim's fault guard owns, lifting resource limits,
 * tracing and networking. The fault guard turns the SIGSYS into a report (sandbox-violation).
 * Linux x86-64 only; elsewhere entering does nothing.
 */
#ifndef AIXSIM_SANDBOX_H
#define AIXSIM_SANDBOX_H

/* Arms the sandbox for this process; `channel` is the report channel's descriptor. */
void aixsim_sandbox_arm(int channel);
/* Installs the filter if armed and not yet installed. Returns 0, or -1 with errno. */
int aixsim_sandbox_enter(void);
/* Asks the host to kill this process when its parent (the supervisor) dies: a worker must
   not outlive the command that reports on it (a batch runner kills the supervisor's group,
   not the worker's). Returns 0, or -1 with errno. */
int aixsim_die_with_parent(void);
/* Arms reporting of the signals that end a process on their default action (SIGTERM, SIGUSR1,
   SIGHUP…): from entering the sandbox on (after aixsim's own handlers for them are in place,
   which still run), each first writes one line to `channel` saying who sent it:
   {"signal":{"number":N,"sender":PID,"fromKext":true|false}}. */
void aixsim_report_signals(int channel);
/* Installs those handlers now if armed (aixsim_sandbox_enter does). Returns 0, or -1 with errno. */
int aixsim_install_signal_reports(void);
/* 1 once the filter is installed. */
int aixsim_sandbox_active(void);

#endif
