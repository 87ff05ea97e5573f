// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the test initramfs: exercises KCOV from user space on the
 * booted kernel and prints what the host checks.
 *
 *   AREA <mode> <syscall> <count> <hex records...>   one line per record run
 *   RESULT <name> <value>                             scalar results
 *   COST <state> <round> <ticks> <records>            one timed syscall mix
 *   DMESG <line>                                      the kernel log
 *   KCOV-EXT-GUEST DONE                               the end
 *
 * Records are dumped raw; the host decodes them with kcov-ext and the
 * kernel's System.map. Then the guest reboots (tinyconfig has no
 * power-off).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

#include "kcov_record.h"

#define KCOV_INIT_TRACE	_IOR('c', 1, unsigned long)
#define KCOV_ENABLE	_IO('c', 100)
#define KCOV_DISABLE	_IO('c', 101)

struct kcov_remote_arg {
	uint32_t trace_mode;
	uint32_t area_size;
	uint64_t num_handles;
	uint64_t common_handle __attribute__((aligned(8)));
	uint64_t handles[];
};
#define KCOV_REMOTE_ENABLE	_IOW('c', 102, struct kcov_remote_arg)

#define AREA_SIZE	(64 << 10)

static int kcov_fd = -1;
static unsigned long *area;

static void dump(const char *mode, const char *name)
{
	unsigned long n = __atomic_load_n(&area[0], __ATOMIC_RELAXED);

	printf("AREA %s %s %lu", mode, name, n);
	for (unsigned long i = 1; i <= n && i < AREA_SIZE; i++)
		printf(" %lx", area[i]);
	printf("\n");
}

static void do_getpid(void)
{
	syscall(SYS_getpid);
}

static void do_read(void)
{
	static int fd = -1;
	char buf[16];

	if (fd < 0)
		fd = open("/dev/null", O_RDONLY);
	syscall(SYS_read, fd, buf, sizeof(buf));
}

static void do_open_close(void)
{
	int fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);

	syscall(SYS_close, fd);
}

/* The syscall mix whose cost is measured: getpid, read, openat, close. */
static void do_mix(void)
{
	do_getpid();
	do_read();
	do_open_close();
}

/*
 * The time stamp counter: tinyconfig's clock_gettime() advances by whole
 * jiffies (4 ms), far coarser than a syscall. Only ratios are reported.
 */
static unsigned long long now_ticks(void)
{
	return __rdtsc();
}

/*
 * What collection costs a syscall: the mix run MIXES times with collection
 * off, in classic and in ext mode, the three interleaved in each of ROUNDS
 * rounds so that any drift of the machine hits them alike. The count is
 * reset before every mix, in all three states, so the area never fills;
 * the records of the last mix are printed with the time of all of them.
 */
#define COST_ROUNDS	31
#define COST_MIXES	100

static void measure_cost(void)
{
	static const struct { const char *name; long mode; } states[] = {
		{ "off", -1 }, { "classic", KCOV_TRACE_PC }, { "ext", KCOV_TRACE_PC_EXT },
	};

	for (int round = 0; round < COST_ROUNDS; round++) {
		for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
			unsigned long long start, end;
			unsigned long records;

			if (states[i].mode >= 0 && ioctl(kcov_fd, KCOV_ENABLE, states[i].mode))
				continue;
			start = now_ticks();
			for (int mix = 0; mix < COST_MIXES; mix++) {
				__atomic_store_n(&area[0], 0, __ATOMIC_RELAXED);
				do_mix();
			}
			end = now_ticks();
			records = __atomic_load_n(&area[0], __ATOMIC_RELAXED);
			if (states[i].mode >= 0)
				ioctl(kcov_fd, KCOV_DISABLE, 0);
			printf("COST %s %d %llu %lu\n", states[i].name, round,
			       (end - start) / COST_MIXES, records);
		}
	}
}

/* The kernel log, one "DMESG" line per line, for the host's checks. */
static void print_kernel_log(void)
{
	static char log[1 << 20];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log));
	char *line, *save;

	if (n < 0)
		return;
	log[n] = '\0';
	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("DMESG %s\n", line);
}

/* Collect the coverage of one syscall in MODE; returns the ioctl error. */
static int trace(unsigned long mode, const char *mode_name, const char *name,
		 void (*call)(void))
{
	if (ioctl(kcov_fd, KCOV_ENABLE, mode))
		return errno;
	__atomic_store_n(&area[0], 0, __ATOMIC_RELAXED);
	call();
	/* Read the count before KCOV_DISABLE adds its own records. */
	dump(mode_name, name);
	ioctl(kcov_fd, KCOV_DISABLE, 0);
	return 0;
}

int main(void)
{
	struct { const char *name; void (*call)(void); } calls[] = {
		{ "getpid", do_getpid }, { "read", do_read }, { "openat_close", do_open_close },
	};
	int err;

	/*
	 * Keep kernel messages off the console while records are printed,
	 * or they land in the middle of an AREA line; the kernel log is
	 * printed whole at the end instead.
	 */
	klogctl(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 1);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	kcov_fd = open("/sys/kernel/debug/kcov", O_RDWR);
	printf("RESULT open_kcov %d\n", kcov_fd >= 0 ? 0 : errno);
	if (kcov_fd < 0)
		goto out;
	if (ioctl(kcov_fd, KCOV_INIT_TRACE, AREA_SIZE)) {
		printf("RESULT init_trace %d\n", errno);
		goto out;
	}
	area = mmap(NULL, AREA_SIZE * sizeof(unsigned long), PROT_READ | PROT_WRITE,
		    MAP_SHARED, kcov_fd, 0);
	if (area == MAP_FAILED) {
		printf("RESULT mmap %d\n", errno);
		goto out;
	}

	/* Unknown modes are EINVAL; comparisons are not configured here. */
	err = ioctl(kcov_fd, KCOV_ENABLE, 7) ? errno : 0;
	printf("RESULT enable_mode_7 %d\n", err);
	err = ioctl(kcov_fd, KCOV_ENABLE, KCOV_TRACE_CMP) ? errno : 0;
	printf("RESULT enable_trace_cmp %d\n", err);
	if (!err)
		ioctl(kcov_fd, KCOV_DISABLE, 0);

	/* Each syscall twice: the first run may fault things in. */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
			err = trace(KCOV_TRACE_PC_EXT, "ext", calls[i].name, calls[i].call);
			if (err)
				printf("RESULT enable_ext %d\n", err);
			trace(KCOV_TRACE_PC, "classic", calls[i].name, calls[i].call);
		}
	}
	measure_cost();
	err = ioctl(kcov_fd, KCOV_ENABLE, KCOV_TRACE_PC_EXT) ? errno : 0;
	printf("RESULT enable_ext %d\n", err);
	if (!err) {
		/* Enabling or disabling twice: EINVAL, as in classic mode. */
		printf("RESULT enable_twice %d\n",
		       ioctl(kcov_fd, KCOV_ENABLE, KCOV_TRACE_PC_EXT) ? errno : 0);
		ioctl(kcov_fd, KCOV_DISABLE, 0);
		printf("RESULT disable_twice %d\n",
		       ioctl(kcov_fd, KCOV_DISABLE, 0) ? errno : 0);
	}
	/*
	 * Remote coverage takes the mode through the same path: accepted,
	 * then disabled again (tinyconfig has no remote sections to run).
	 */
	{
		struct kcov_remote_arg arg = {
			.trace_mode = KCOV_TRACE_PC_EXT, .area_size = AREA_SIZE,
			.num_handles = 0, .common_handle = 0x42,
		};

		err = ioctl(kcov_fd, KCOV_REMOTE_ENABLE, &arg) ? errno : 0;
		printf("RESULT remote_enable_ext %d\n", err);
		if (!err)
			printf("RESULT remote_disable %d\n",
			       ioctl(kcov_fd, KCOV_DISABLE, 0) ? errno : 0);
	}
out:
	print_kernel_log();
	printf("KCOV-EXT-GUEST DONE\n");
	fflush(stdout);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
