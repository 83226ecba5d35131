/*
 * <sys/except.h>: kernel exception handling with setjmpx, longjmpx and clrjmpx, and the
 * exception codes of AIX 5.3's <sys/m_except.h>.
 *
 * setjmpx saves a context that a later longjmpx, or an exception such as a DSI, resumes: it
 * returns 0 when called and the exception code (or longjmpx's value) when resumed. The context
 * lives in the caller's label_t; aixsim saves the registers with the compiler's own setjmp and
 * records the label, the interrupt priority and a resume function with the kernel.
 */
#ifndef AIXSIM_SYS_EXCEPT_H
#define AIXSIM_SYS_EXCEPT_H

#include <sys/types.h>
#include <sys/errno.h>

/* Exception codes: 1..127 are errno values; 128.. machine-independent; 256.. POWER. */
#define EXCEPT_ERRNO           127
#define EXCEPT_FLOAT           128
#define EXCEPT_INV_OP          129
#define EXCEPT_PRIV_OP         130
#define EXCEPT_TRAP            131
#define EXCEPT_ALIGN           132
#define EXCEPT_INV_ADDR        133
#define EXCEPT_PROT            134
#define EXCEPT_IO              135
#define EXCEPT_EOF             139
#define EXCEPT_FLOAT_IMPRECISE 140
#define EXCEPT_ESTALE_I        141
#define EXCEPT_ESTALE_D        142
#define EXCEPT_PFAULT          255
#define EXCEPT_MACHINE         256
#define EXCEPT_IFETCH_IO       256
#define EXCEPT_IFETCH_SPEC     257
#define EXCEPT_DRST            261
#define EXCEPT_DSI             262
#define EXCEPT_ISI             263
#define EXCEPT_NOEXEC          268
#define EXCEPT_RMA             269
#define EXCEPT_SKEY            270
#define EXCEPT_THRPGIO         278

#define EXCEPT_HANDLED     0
#define EXCEPT_NOT_HANDLED (-1)

#undef AIXSIM_WANT_sys_except
#define AIXSIM_WANT_sys_except(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_except
#define AIXSIM_WANT_sys_except(x)

/* Jumps back into the setjmpx that saved `label`: kext code, compiled with the kext. */
static void aixsim_resume_label(label_t *label) __attribute__((noreturn, used));
static void aixsim_resume_label(label_t *label)
{
    __builtin_longjmp((void **)label->reg, 1);
}

#undef setjmpx
#define setjmpx(jump_buffer)                                                          \
    ({                                                                                \
        label_t *aixsim_label = (jump_buffer);                                        \
        int aixsim_result;                                                            \
        aixsim_label->iar = (ulong)aixsim_resume_label;                               \
        if (__builtin_setjmp((void **)aixsim_label->reg))                             \
            aixsim_result = (int)aixsim_label->reg[8];                                \
        else                                                                          \
            aixsim_result = __aixsim_kernel_services->setjmpx(aixsim_label);          \
        aixsim_result;                                                                \
    })

#endif
