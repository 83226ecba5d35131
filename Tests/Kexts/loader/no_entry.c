/* expect: load-error */
/* No NAME_entry and no entry address recorded at link time: the loader refuses it and
   lists the functions that could be the entry point. */
#include <sys/types.h>

int first_function(int x) { return x + 1; }
int second_function(int x) { return x * 2; }
