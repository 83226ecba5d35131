#include "aixsim_sandbox.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#if defined(__linux__) && defined(__x86_64__)
#include <fcntl.h>
#include <sched.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

static int armed = 0;
static int channel_fd = 3;
static int active = 0;

void aixsim_sandbox_arm(int channel)
{
    channel_fd = channel;
    armed = 1;
}

int aixsim_sandbox_active(void)
{
    return active;
}

int aixsim_die_with_parent(void)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
        return -1;
    /* The parent may have died before the request. */
    return getppid() == 1 ? (kill(getpid(), SIGKILL), -1) : 0;
}

#define LOAD_NR      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LOAD_ARG(n)  BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[n]))
#define ALLOW        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define TRAP         BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP)
/* If the accumulator equals k, go on to the next instruction, else skip `skip` of them. */
#define IF_EQ(k, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), 0, (skip))
/* If the accumulator equals k, skip `skip` instructions, else go on. */
#define SKIP_IF_EQ(k, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (skip), 0)

int aixsim_sandbox_enter(void)
{
    if (!armed || active)
        return 0;
    if (aixsim_install_signal_reports() != 0)
        return -1;
    unsigned pid = (unsigned)getpid();
    unsigned write_flags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
    struct sock_filter filter[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        TRAP,
        LOAD_NR,
        /* Never: new processes, new programs, tracing, networking, mounts, limits. */
        IF_EQ(__NR_fork, 1), TRAP, IF_EQ(__NR_vfork, 1), TRAP,
        IF_EQ(__NR_execve, 1), TRAP, IF_EQ(__NR_execveat, 1), TRAP,
        IF_EQ(__NR_ptrace, 1), TRAP, IF_EQ(__NR_socket, 1), TRAP, IF_EQ(__NR_connect, 1), TRAP,
        IF_EQ(__NR_mount, 1), TRAP, IF_EQ(__NR_setrlimit, 1), TRAP, IF_EQ(__NR_setsid, 1), TRAP,
        IF_EQ(__NR_creat, 1), TRAP, IF_EQ(__NR_rename, 1), TRAP, IF_EQ(__NR_renameat, 1), TRAP,
        IF_EQ(__NR_renameat2, 1), TRAP, IF_EQ(__NR_mkdir, 1), TRAP, IF_EQ(__NR_mkdirat, 1), TRAP,
        IF_EQ(__NR_link, 1), TRAP, IF_EQ(__NR_symlink, 1), TRAP, IF_EQ(__NR_truncate, 1), TRAP,
        /* No threads either: aixsim's own (the watchdog) exist before the sandbox, and a thread
           a kext started would run its code outside every call aixsim brackets. */
        IF_EQ(__NR_clone, 1), TRAP, IF_EQ(__NR_clone3, 1), TRAP,
        /* Signals: to this process only. */
        IF_EQ(__NR_kill, 3), LOAD_ARG(0), SKIP_IF_EQ(pid, 1), TRAP,
        LOAD_NR,
        IF_EQ(__NR_tgkill, 3), LOAD_ARG(0), SKIP_IF_EQ(pid, 1), TRAP,
        LOAD_NR,
        /* open/openat: reading only. */
        IF_EQ(__NR_open, 3), LOAD_ARG(1),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, write_flags, 0, 1), TRAP,
        LOAD_NR,
        IF_EQ(__NR_openat, 3), LOAD_ARG(2),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, write_flags, 0, 1), TRAP,
        LOAD_NR,
        /* write: stderr and the report channel only. */
        IF_EQ(__NR_write, 5), LOAD_ARG(0),
        SKIP_IF_EQ(2, 2), SKIP_IF_EQ((unsigned)channel_fd, 1), TRAP, ALLOW,
        LOAD_NR,
        /* The fault guard's signals keep their handlers. */
        IF_EQ(__NR_rt_sigaction, 9), LOAD_ARG(0),
        IF_EQ(SIGSEGV, 1), TRAP, IF_EQ(SIGBUS, 1), TRAP, IF_EQ(SIGILL, 1), TRAP,
        IF_EQ(SIGFPE, 1), TRAP, ALLOW,
        ALLOW,
    };
    struct sock_fprog program = { (unsigned short)(sizeof filter / sizeof filter[0]), filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0)
        return -1;
    active = 1;
    return 0;
}

#else

void aixsim_sandbox_arm(int channel) { (void)channel; }
int aixsim_sandbox_enter(void) { return 0; }
int aixsim_sandbox_active(void) { return 0; }
int aixsim_die_with_parent(void) { return 0; }

#endif
