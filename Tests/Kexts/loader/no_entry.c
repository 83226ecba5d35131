#include <sys/types.h>

int first_function(int x) { return x + 1; }
int second_function(int x) { return x * 2; }
