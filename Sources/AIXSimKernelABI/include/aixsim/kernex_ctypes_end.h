/* Ends what aixsim/kernex_ctypes.h began. */
#undef vmsize_t
#undef vmkey_t
#undef ulong
#undef caddr_t
#undef uio_rw_t
#undef pid_t
#undef tid_t
#undef heapaddr_t
#undef lock_t
#undef simple_lock_t
#undef complex_lock_t
#undef label_t
#undef uint
#undef dev_t
#undef uchar
#undef atomic_p
#undef timestruc_t
