/* kx_deref's bug on a global: the program's static data is user memory too. */
extern int kx_deref_sum(const int *values, int count);

int values[3] = { 1, 2, 3 };

int main(void)
{
    return kx_deref_sum(values, 3) == 6 ? 0 : 1;
}
