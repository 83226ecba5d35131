/*
 * <sys/ioacc.h>: I/O space access. BUSIO_ATT/BUSIO_DET map a bus's I/O space through io_att and
 * io_det (AIX's POWER ioacc.h: the bus id with its low four bits cleared). aixsim simulates no I/O
 * bus: such a kext builds, and io_att stops the run with a report naming the bus, never a wild
 * access. The BUS_GET/BUS_PUT accessors are plain volatile accesses, as on AIX.
 */
#ifndef AIXSIM_SYS_IOACC_H
#define AIXSIM_SYS_IOACC_H

#include <sys/types.h>

#define BUSIO_ATT(bid, io_addr)  io_att((~(0xfUL) & (ulong)(bid)), (ulong)(io_addr))
#define BUSIO_DET(addr)          io_det((caddr_t)(addr))

#define BUS_PUTL(p, v)   (*(volatile unsigned int *)(p) = (unsigned int)(v))
#define BUS_PUTS(p, v)   (*(volatile unsigned short *)(p) = (unsigned short)(v))
#define BUS_PUTC(p, v)   (*(volatile unsigned char *)(p) = (unsigned char)(v))
#define BUS_GETL(p)      (*(volatile unsigned int *)(p))
#define BUS_GETS(p)      (*(volatile unsigned short *)(p))
#define BUS_GETC(p)      (*(volatile unsigned char *)(p))
#define BUSIO_PUTL(p, v) BUS_PUTL(p, v)
#define BUSIO_PUTS(p, v) BUS_PUTS(p, v)
#define BUSIO_PUTC(p, v) BUS_PUTC(p, v)
#define BUSIO_GETL(p)    BUS_GETL(p)
#define BUSIO_GETS(p)    BUS_GETS(p)
#define BUSIO_GETC(p)    BUS_GETC(p)

#ifdef _KERNEL
#undef AIXSIM_WANT_sys_ioacc
#define AIXSIM_WANT_sys_ioacc(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_ioacc
#define AIXSIM_WANT_sys_ioacc(x)
#endif

#endif
