/* <errno.h>: kernel code has no errno variable, only the error numbers. */
#include <sys/errno.h>
