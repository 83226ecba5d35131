/*
 * The AIX type names kernex.def's parameter lists use, spelled as plain C, for code that expands
 * the export list outside a kext (the table declaration, aixsim's service thunks). Include it
 * right before expanding kernex.def and aixsim/kernex_ctypes_end.h right after: the names must
 * not leak into anything else. A new type name in kernex.def gets a line here and one there.
 * No include guard: it is meant to be included once per expansion.
 */
#define vmsize_t long
#define vmkey_t int
#define ulong unsigned long
#define caddr_t char *
#define uio_rw_t int
#define pid_t int
#define tid_t long
#define label_t struct label_t
#define heapaddr_t char *
#define lock_t int
#define simple_lock_t long *
#define complex_lock_t void *
#define uint unsigned int
#define dev_t unsigned long
#define uchar unsigned char
#define atomic_p int *
#define timestruc_t struct aixsim_timestruc
