/* expect: ok; with --data sample */
/* A kext written as the AIX 3 real-time Redbook examples are: no prototypes, K&R definitions,
   services called through implicit declarations, the kext pinned at CFG_INIT, a system-call-like
   function that pins the caller's buffer with pinu(UIO_USERSPACE), and a critical section
   between i_disable and i_enable. The entry point plays the user program's calls. */
#include <sys/errno.h>
#include <sys/types.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <sys/intr.h>

static int samples;

int
pin_buffer(addr, len)
caddr_t addr;
int len;
{
	return (pinu(addr, len, UIO_USERSPACE));
}

int
unpin_buffer(addr, len)
caddr_t addr;
int len;
{
	return (unpinu(addr, len, UIO_USERSPACE));
}

int
count_sample()
{
	int old;

	old = i_disable(INTMAX);
	samples++;
	i_enable(old);
	return (samples);
}

int
realtime_style_entry(command, uio)
int command;
struct uio *uio;
{
	caddr_t buf;
	int len;

	if (command != CFG_INIT) {
		unpincode(realtime_style_entry);
		return (0);
	}
	if (pincode(realtime_style_entry) != 0)
		return (ENOMEM);
	if (uio == 0)
		return (0);
	buf = uio->uio_iov->iov_base;
	len = uio->uio_iov->iov_len;
	printf("pin %d\n", pin_buffer(buf, len));
	printf("count %d\n", count_sample());
	printf("count %d\n", count_sample());
	printf("unpin %d\n", unpin_buffer(buf, len));
	return (0);
}
