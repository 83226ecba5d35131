/* <sys/xmalloc.h>: AIX names it with <sys/malloc.h> for init_heap; it declares nothing more here. */
#ifndef AIXSIM_SYS_XMALLOC_H
#define AIXSIM_SYS_XMALLOC_H
#include <sys/malloc.h>
#endif
