/* <signal.h>: the same numbers as <sys/signal.h>. */
#include <sys/signal.h>
