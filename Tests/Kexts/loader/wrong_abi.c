/* expect: load-error */
/* Stands for a kext built against another aixsim's headers: it records ABI version 999. */
const unsigned int __aixsim_kext_abi_version = 999;

int wrong_abi_entry(int cmd, void *uiop)
{
    return 0;
}
