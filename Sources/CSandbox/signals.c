#include "aixsim_sandbox.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/*
 * Signals that end the worker on their default action carry no mark of where they came from
 * once the process is gone: the supervisor sees only the signal number. The handler below
 * writes who sent it (si_pid: this process means the kext, since aixsim's own code sends none of
 * these) to the report channel, then lets the default action happen: SA_RESETHAND restored it
 * on entry, so no system call the sandbox refuses (rt_sigaction) is needed here.
 */

static int report_channel = -1;
static struct sigaction previous[65];

static const int reported[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGIO,
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};

/* Appends the decimal digits of `value` (>= 0) at `out`; returns the end. */
static char *digits(char *out, long value)
{
    char reversed[24];
    int n = 0;
    do {
        reversed[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < (int)sizeof reversed);
    while (n > 0)
        *out++ = reversed[--n];
    return out;
}

static char *text(char *out, const char *s)
{
    size_t n = strlen(s);
    memcpy(out, s, n);
    return out + n;
}

static void on_signal(int sig, siginfo_t *info, void *context)
{
    int saved = errno;
    pid_t self = getpid();
    /* si_code <= 0: kill, tgkill, sigqueue, with si_pid the sender. Anything else the host
       raised itself (SIGIO for a descriptor, a timer): the kext arranged it. */
    int from_kext = info->si_code > 0 || info->si_pid == self;
    long sender = info->si_code <= 0 ? (long)info->si_pid : (long)self;
    /* The leading newline ends whatever line another record had half-written when the signal
       came; the supervisor skips that broken line. */
    char line[128];
    char *p = line;
    p = text(p, "\n{\"signal\":{\"number\":");
    p = digits(p, sig);
    p = text(p, ",\"sender\":");
    p = digits(p, sender < 0 ? 0 : sender);
    p = text(p, from_kext ? ",\"fromKext\":true}}\n" : ",\"fromKext\":false}}\n");
    if (report_channel >= 0) {
        ssize_t written = write(report_channel, line, (size_t)(p - line));
        (void)written;
    }
    errno = saved;
    /* A handler installed before (the temporary files' cleanup) still runs; then the signal,
       blocked until this handler returns, ends the process on its default action. */
    struct sigaction *prev = &previous[sig & 63];
    if (prev->sa_flags & SA_SIGINFO) {
        if (prev->sa_sigaction != NULL)
            prev->sa_sigaction(sig, info, context);
    } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
        prev->sa_handler(sig);
    }
    raise(sig);
}

void aixsim_report_signals(int channel)
{
    report_channel = channel;
}

int aixsim_install_signal_reports(void)
{
    if (report_channel < 0)
        return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof reported / sizeof reported[0]; i++) {
        int sig = reported[i];
        if (sigaction(sig, NULL, &previous[sig & 63]) != 0)
            return -1;
        /* An ignored signal ends nothing: leave it ignored. */
        if (!(previous[sig & 63].sa_flags & SA_SIGINFO) && previous[sig & 63].sa_handler == SIG_IGN)
            continue;
        if (sigaction(sig, &sa, NULL) != 0)
            return -1;
    }
    return 0;
}
