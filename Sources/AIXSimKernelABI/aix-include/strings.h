/* <strings.h>: the BSD names libcsys also provides. */
#ifndef AIXSIM_STRINGS_H
#define AIXSIM_STRINGS_H

#include <string.h>

void bcopy(const void *src, void *dst, size_t n);
void bzero(void *s, size_t n);

#endif
