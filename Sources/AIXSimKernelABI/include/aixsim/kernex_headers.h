/*
 * The AIX headers that declare exported services, by the tag kernex.def uses.
 * AIXSIM_HEADER_<tag> is the file name; AIXSIM_WANT_<tag>(x) expands to nothing until that
 * header, while it is being included, redefines it to emit its own services' wrappers.
 */
#ifndef AIXSIM_KERNEX_HEADERS_H
#define AIXSIM_KERNEX_HEADERS_H

#define AIXSIM_HEADER_sys_vmuser "sys/vmuser.h"
#define AIXSIM_HEADER_sys_uio "sys/uio.h"
#define AIXSIM_HEADER_stdio "stdio.h"

#define AIXSIM_WANT_sys_vmuser(x)
#define AIXSIM_WANT_sys_uio(x)
#define AIXSIM_WANT_stdio(x)

#endif
