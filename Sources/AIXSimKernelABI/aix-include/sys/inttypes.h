/* <sys/inttypes.h>: AIX's fixed-width integer names (int8 ... u_int64) beside C99's. */
#ifndef AIXSIM_SYS_INTTYPES_H
#define AIXSIM_SYS_INTTYPES_H

#include <stdint.h>

typedef signed char int8;
typedef short int16;
typedef int int32;
typedef long int64;
typedef unsigned char u_int8;
typedef unsigned short u_int16;
typedef unsigned int u_int32;
typedef unsigned long u_int64;
typedef unsigned char u_int8_t;
typedef unsigned short u_int16_t;
typedef unsigned int u_int32_t;
typedef unsigned long u_int64_t;

#define PRId32 "d"
#define PRIu32 "u"
#define PRIx32 "x"
#define PRId64 "ld"
#define PRIu64 "lu"
#define PRIx64 "lx"

#endif
