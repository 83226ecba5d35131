/*
 * The C library of a C user program run by aixsim, linked into the program's shared object.
 * Pure computation (strings, memory, formatting) runs here, on the user stack; everything the
 * process asks of the system (system calls, file calls on a device, output, memory) goes
 * through aixsim's user runtime, which makes the call in the process environment and reports
 * it. A failed call returns -1 and sets errno, as AIX's system call stubs do.
 */
#include <stddef.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <aixsim/user_runtime.h>

const struct aixsim_user_runtime *__aixsim_user_runtime;
int errno;

struct aixsim_user_file { int fd; };
static struct aixsim_user_file out_file = { 1 }, err_file = { 2 };
FILE *stdout = &out_file, *stderr = &err_file;

long __aixsim_user_call(int kind, const char *name, long a0, long a1, long a2, long a3, long a4, long a5)
{
    struct aixsim_user_call call = { kind, 0, name, { a0, a1, a2, a3, a4, a5 }, 0 };
    long result = __aixsim_user_runtime->enter(&call);
    if (call.error != 0)
        errno = call.error;
    return result;
}

/* Memory and strings: byte loops (the program is built without builtins, so none of these
   becomes a call to itself). */
void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s)
        while (n--)
            *d++ = *s++;
    else
        while (n--)
            d[n] = s[n];
    return dst;
}

void *memset(void *p, int c, size_t n)
{
    unsigned char *d = p;
    while (n--)
        *d++ = (unsigned char)c;
    return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

char *strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++))
        ;
    return dst;
}

char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strerror(int errnum)
{
    switch (errnum) {
    case EPERM: return "Operation not permitted";
    case ENOENT: return "No such file or directory";
    case EIO: return "I/O error";
    case ENXIO: return "No such device or address";
    case EBADF: return "Bad file descriptor";
    case EAGAIN: return "Resource temporarily unavailable";
    case ENOMEM: return "Not enough space";
    case EFAULT: return "Bad address";
    case EBUSY: return "Resource busy";
    case EEXIST: return "File exists";
    case ENODEV: return "No such device";
    case EINVAL: return "Invalid argument";
    case ENOTTY: return "Inappropriate I/O control operation";
    case ENOSPC: return "No space left on device";
    default: return "Unknown error";
    }
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long strtol(const char *s, char **end, int base)
{
    long sign = 1, value = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '-' || *s == '+')
        sign = *s++ == '-' ? -1 : 1;
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2, base = 16;
    else if (base == 0)
        base = s[0] == '0' ? 8 : 10;
    for (;; s++) {
        int digit = *s >= '0' && *s <= '9' ? *s - '0'
                  : *s >= 'a' && *s <= 'z' ? *s - 'a' + 10
                  : *s >= 'A' && *s <= 'Z' ? *s - 'A' + 10 : 99;
        if (digit >= base)
            break;
        value = value * base + digit;
    }
    if (end)
        *end = (char *)s;
    return sign * value;
}

int abs(int n)
{
    return n < 0 ? -n : n;
}

/* Output: formatted on the user stack, handed to aixsim as text. */
static int emit(int fd, const char *text, long length)
{
    __aixsim_user_call(AIXSIM_USER_PRINT, text, length, fd, 0, 0, 0, 0);
    return (int)length;
}

int vsnprintf(char *s, size_t n, const char *format, va_list ap)
{
    return __aixsim_user_runtime->vformat(s, n, format, ap);
}

int snprintf(char *s, size_t n, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int length = vsnprintf(s, n, format, ap);
    va_end(ap);
    return length;
}

int sprintf(char *s, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int length = vsnprintf(s, (size_t)-1 >> 1, format, ap);
    va_end(ap);
    return length;
}

static int vprint(int fd, const char *format, va_list ap)
{
    char text[1024];
    int length = vsnprintf(text, sizeof text, format, ap);
    if (length < 0)
        return length;
    return emit(fd, text, length < (int)sizeof text ? length : (int)sizeof text - 1);
}

int vprintf(const char *format, va_list ap)
{
    return vprint(1, format, ap);
}

int printf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int length = vprint(1, format, ap);
    va_end(ap);
    return length;
}

int fprintf(FILE *stream, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int length = vprint(stream ? stream->fd : 1, format, ap);
    va_end(ap);
    return length;
}

int puts(const char *s)
{
    return printf("%s\n", s) < 0 ? EOF : 1;
}

int putchar(int c)
{
    char ch = (char)c;
    emit(1, &ch, 1);
    return (unsigned char)c;
}

void perror(const char *s)
{
    int saved = errno;
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strerror(saved));
    else
        fprintf(stderr, "%s\n", strerror(saved));
}

/* Memory in the process's data segment. */
void *malloc(size_t size)
{
    return (void *)__aixsim_user_call(AIXSIM_USER_MALLOC, "malloc", (long)size, 0, 0, 0, 0, 0);
}

void *calloc(size_t count, size_t size)
{
    if (size && count > ((size_t)-1 >> 1) / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void free(void *p)
{
    if (p)
        __aixsim_user_call(AIXSIM_USER_FREE, "free", (long)p, 0, 0, 0, 0, 0);
}

void exit(int status)
{
    __aixsim_user_call(AIXSIM_USER_EXIT, "exit", status, 0, 0, 0, 0, 0);
    for (;;)
        ;
}

pid_t getpid(void)
{
    return 4242;
}

/* Files: each reaches the driver through the device switch. */
int open(const char *path, int oflag, ...)
{
    return (int)__aixsim_user_call(AIXSIM_USER_OPEN, "open", (long)path, oflag, 0, 0, 0, 0);
}

int close(int fd)
{
    return (int)__aixsim_user_call(AIXSIM_USER_CLOSE, "close", fd, 0, 0, 0, 0, 0);
}

ssize_t read(int fd, void *buf, size_t n)
{
    return __aixsim_user_call(AIXSIM_USER_READ, "read", fd, (long)buf, (long)n, 0, 0, 0);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return __aixsim_user_call(AIXSIM_USER_WRITE, "write", fd, (long)buf, (long)n, 0, 0, 0);
}

int ioctl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long);
    va_end(ap);
    return (int)__aixsim_user_call(AIXSIM_USER_IOCTL, "ioctl", fd, cmd, arg, 0, 0, 0);
}

int mknod(const char *path, int mode, dev_t dev)
{
    return (int)__aixsim_user_call(AIXSIM_USER_MKNOD, "mknod", (long)path, mode, (long)dev, 0, 0, 0);
}
