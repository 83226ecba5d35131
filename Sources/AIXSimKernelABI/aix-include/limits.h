/* <limits.h>: AIX kexts include <sys/limits.h>; both give the same values. */
#include <sys/limits.h>
