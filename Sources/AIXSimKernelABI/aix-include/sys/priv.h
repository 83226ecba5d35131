/* <sys/priv.h>: privilege numbers for privcheck (AIX 5.3); privcheck is not implemented here. */
#ifndef AIXSIM_SYS_PRIV_H
#define AIXSIM_SYS_PRIV_H

#define SET_PROC_DAC    1
#define SET_OBJ_DAC     2
#define SET_PROC_RAC    4
#define BYPASS_DAC_WRITE 8
#define BYPASS_DAC_READ 9
#define BYPASS_DAC_EXEC 10
#define BYPASS_DAC      11
#define BYPASS_RAC      12
#define SYS_CONFIG      36
#define DEV_CONFIG      38
#define SYS_OPER        39

#endif
