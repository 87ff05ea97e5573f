// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_rt: kernel/kcov.c's hot path transplanted to user space, statement
 * for statement, so that its cost can be measured and its records decoded
 * without booting a kernel.
 *
 * "current" is a per-thread struct holding the task_struct fields kcov
 * uses; the interrupt context test reads a simulated preempt count;
 * canonicalize_ip() subtracts how far the executable was moved from its
 * link-time addresses where the kernel subtracts the KASLR offset, so
 * records are the addresses that addr2line -e resolves.
 *
 * The default design is the kernel series' (kernel-patch/linux-7.2/, patch
 * 2), mirrored statement for statement, so that make bench measures the
 * series: the ext record format is a bit of the kcov mode (beside
 * KCOV_IN_CTXSW) that rides along every save and restore of the mode;
 * __sanitizer_cov_trace_pc() masks it out in check_kcov_mode(); the entry
 * and exit hooks read the mode before they test the context, so a task
 * that is not collecting pays one load and one compare in them. The one
 * statement the kernel does not have: user space addresses lack the
 * kernel's top bits, so trace_pc sets the normal record type itself.
 *
 * Two more designs, for the benchmark's baselines, chosen at build time:
 *  - KCOV_RT_DESIGN_FLAG (the series' v1): a per-task flag next to the
 *    mode, read by the entry and exit hooks;
 *  - KCOV_RT_DESIGN_CLASSIC: today's kernel, no ext mode at all.
 *
 * Build this file without coverage instrumentation: the hooks must never
 * call themselves.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "kcov_rt.h"

#define notrace		__attribute__((no_instrument_function))
#ifndef __always_inline	/* glibc's <sys/cdefs.h> has it too */
#define __always_inline	inline __attribute__((always_inline))
#endif
#define likely(x)	__builtin_expect(!!(x), 1)
#define barrier()	__asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define _RET_IP_	((unsigned long)__builtin_return_address(0))

enum kcov_mode {
	KCOV_MODE_DISABLED = 0,
	KCOV_MODE_INIT = 1,
	KCOV_MODE_TRACE_PC = 2,
	KCOV_MODE_TRACE_CMP = 3,
};

/* kcov_mode bit 30 marks a context switch in progress (not simulated). */
#define KCOV_IN_CTXSW		(1u << 30)
#ifndef KCOV_RT_DESIGN_FLAG
/* The ext record format is a bit of the mode, beside KCOV_IN_CTXSW. */
#define KCOV_MODE_EXT_RECORDS	(1u << 29)
#define KCOV_MODE_TRACE_PC_EXT	(KCOV_MODE_TRACE_PC | KCOV_MODE_EXT_RECORDS)
#endif

/* The simulated preempt count: the kernel's in_task() test. */
#define SOFTIRQ_OFFSET		(1u << 8)
#define HARDIRQ_OFFSET		(1u << 16)
#define HARDIRQ_MASK		(0xfu << 16)

/* The fields of task_struct that kcov uses. */
struct kcov_rt_task {
	unsigned int preempt_count;
	unsigned int kcov_mode;
	unsigned int kcov_size;
	unsigned long *kcov_area;
	unsigned int kcov_softirq;
#ifdef KCOV_RT_DESIGN_FLAG
	unsigned int kcov_ext_format;
#endif
};

static __thread struct kcov_rt_task kcov_rt_current;
#define current (&kcov_rt_current)

/*
 * How far the executable was moved from its link-time addresses: the
 * kernel's kaslr_offset(). Records are then link-time addresses.
 */
static unsigned long kcov_rt_load_offset;

static inline bool in_task(const struct kcov_rt_task *t)
{
	return !(READ_ONCE(t->preempt_count) & (HARDIRQ_MASK | SOFTIRQ_OFFSET));
}

/* A softirq, and no hardirq on top of it. */
static inline bool in_softirq_really(const struct kcov_rt_task *t)
{
	unsigned int count = READ_ONCE(t->preempt_count);

	return (count & SOFTIRQ_OFFSET) && !(count & HARDIRQ_MASK);
}

/* From here to the hooks, kernel/kcov.c as patched by the series. */

static __always_inline bool kcov_in_context(struct kcov_rt_task *t)
{
	return in_task(t) || (in_softirq_really(t) && t->kcov_softirq);
}

static __always_inline bool check_kcov_mode(unsigned int needed_mode, struct kcov_rt_task *t)
{
	unsigned int mode;

	if (!kcov_in_context(t))
		return false;
	mode = READ_ONCE(t->kcov_mode);
	/*
	 * Pairs with the barrier() before the mode is written in
	 * kcov_rt_start(): area and size are read after the mode.
	 */
	barrier();
#ifdef KCOV_MODE_EXT_RECORDS
	/* KCOV_MODE_TRACE_PC also matches KCOV_MODE_TRACE_PC_EXT. */
	return (mode & ~KCOV_MODE_EXT_RECORDS) == needed_mode;
#else
	return mode == needed_mode;
#endif
}

static __always_inline unsigned long canonicalize_ip(unsigned long ip)
{
	return ip - kcov_rt_load_offset;
}

static __always_inline void kcov_add_pc_record(struct kcov_rt_task *t, unsigned long record)
{
	unsigned long *area = t->kcov_area;
	/* The first word is the number of records that follow. */
	unsigned long pos = READ_ONCE(area[0]) + 1;

	if (likely(pos < t->kcov_size)) {
		/*
		 * Publish the new count before the record: a signal handler
		 * that records between the two then writes the next slot,
		 * not this one.
		 */
		WRITE_ONCE(area[0], pos);
		barrier();
		area[pos] = record;
	}
}

/*
 * The three hooks' bodies after "t = current" and the PC, one definition
 * per design, inlined into the hooks below and into the
 * -finstrument-functions hooks (which record the function's address).
 */
#if defined(KCOV_RT_DESIGN_CLASSIC)

static __always_inline void kcov_trace_pc(struct kcov_rt_task *t, unsigned long ip)
{
	if (!check_kcov_mode(KCOV_MODE_TRACE_PC, t))
		return;
	kcov_add_pc_record(t, ip);
}

/* Without the ext mode, the entry hook is only a trace_pc. */
static __always_inline void kcov_trace_pc_entry(struct kcov_rt_task *t, unsigned long ip)
{
	kcov_trace_pc(t, ip);
}

static __always_inline void kcov_trace_pc_exit(struct kcov_rt_task *t, unsigned long ip)
{
	(void)t;
	(void)ip;
}

#elif defined(KCOV_RT_DESIGN_FLAG)

static __always_inline void kcov_trace_pc(struct kcov_rt_task *t, unsigned long ip)
{
	if (!check_kcov_mode(KCOV_MODE_TRACE_PC, t))
		return;
	/* User space addresses lack the kernel's top bits: set the type. */
	if (t->kcov_ext_format)
		ip |= KCOV_RECORDFLAG_TYPE_NORMAL;
	kcov_add_pc_record(t, ip);
}

static __always_inline void kcov_trace_pc_entry(struct kcov_rt_task *t, unsigned long ip)
{
	/* It replaced trace_pc in the entry block: record in classic mode too. */
	if (!check_kcov_mode(KCOV_MODE_TRACE_PC, t))
		return;
	if (t->kcov_ext_format)
		ip = (ip & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_ENTRY;
	kcov_add_pc_record(t, ip);
}

static __always_inline void kcov_trace_pc_exit(struct kcov_rt_task *t, unsigned long ip)
{
	/* Classic consumers expect one PC per block: no exit records there. */
	if (!t->kcov_ext_format || !check_kcov_mode(KCOV_MODE_TRACE_PC, t))
		return;
	kcov_add_pc_record(t, (ip & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_EXIT);
}

#else /* the series' design */

static __always_inline void kcov_trace_pc(struct kcov_rt_task *t, unsigned long ip)
{
	if (!check_kcov_mode(KCOV_MODE_TRACE_PC, t))
		return;
	/*
	 * User space only: the kernel's text addresses carry the normal
	 * record type in their top bits already; ours must get it here.
	 */
	if (t->kcov_mode & KCOV_MODE_EXT_RECORDS)
		ip |= KCOV_RECORDFLAG_TYPE_NORMAL;
	kcov_add_pc_record(t, ip);
}

static __always_inline void kcov_trace_pc_entry(struct kcov_rt_task *t, unsigned long record)
{
	unsigned int mode;

	/*
	 * Unlike check_kcov_mode(), test the mode before the context: most
	 * calls come from tasks that collect nothing, and they return here.
	 * The barrier() still orders the mode load before the area loads.
	 */
	mode = READ_ONCE(t->kcov_mode);
	if ((mode & ~KCOV_MODE_EXT_RECORDS) != KCOV_MODE_TRACE_PC ||
	    !kcov_in_context(t))
		return;
	barrier();
	if (mode & KCOV_MODE_EXT_RECORDS)
		record = (record & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_ENTRY;
	kcov_add_pc_record(t, record);
}

static __always_inline void kcov_trace_pc_exit(struct kcov_rt_task *t, unsigned long ip)
{
	unsigned int mode;

	/* Mode first, as in __sanitizer_cov_trace_pc_entry(). */
	mode = READ_ONCE(t->kcov_mode);
	if (mode != KCOV_MODE_TRACE_PC_EXT || !kcov_in_context(t))
		return;
	barrier();
	kcov_add_pc_record(t, (ip & KCOV_RECORD_IP_MASK) | KCOV_RECORDFLAG_TYPE_EXIT);
}

#endif

notrace void __sanitizer_cov_trace_pc(void)
{
	kcov_trace_pc(current, canonicalize_ip(_RET_IP_));
}

notrace void __sanitizer_cov_trace_pc_entry(void)
{
	kcov_trace_pc_entry(current, canonicalize_ip(_RET_IP_));
}

notrace void __sanitizer_cov_trace_pc_exit(void)
{
	kcov_trace_pc_exit(current, canonicalize_ip(_RET_IP_));
}

/*
 * -finstrument-functions hooks recording the same entry and exit records,
 * for comparing with what that option costs a GCC user today. They get the
 * function's address instead of a PC inside it.
 */
notrace void __cyg_profile_func_enter(void *this_fn, void *call_site)
{
	(void)call_site;
	kcov_trace_pc_entry(current, canonicalize_ip((unsigned long)this_fn));
}

notrace void __cyg_profile_func_exit(void *this_fn, void *call_site)
{
	(void)call_site;
	kcov_trace_pc_exit(current, canonicalize_ip((unsigned long)this_fn));
}

/* kernel/kcov.c's kcov_start(): the mode goes last. */
static void kcov_rt_start(struct kcov_rt_task *t, unsigned int size,
			  unsigned long *area, unsigned int mode, bool ext)
{
	t->kcov_size = size;
	t->kcov_area = area;
#ifdef KCOV_RT_DESIGN_FLAG
	t->kcov_ext_format = ext;
#else
	(void)ext;
#endif
	/* See check_kcov_mode(). */
	barrier();
	WRITE_ONCE(t->kcov_mode, mode);
}

int kcov_rt_enable(unsigned long *area, unsigned int size, unsigned int trace_mode)
{
	struct kcov_rt_task *t = current;
	unsigned int mode;

	if (!area || size < 2)
		return -EINVAL;
	switch (trace_mode) {
	case KCOV_TRACE_PC:
		mode = KCOV_MODE_TRACE_PC;
		break;
	case KCOV_TRACE_CMP:
		return -ENOTSUP;
	case KCOV_TRACE_PC_EXT:
#if defined(KCOV_RT_DESIGN_CLASSIC)
		return -ENOTSUP;
#elif defined(KCOV_RT_DESIGN_FLAG)
		mode = KCOV_MODE_TRACE_PC;
#else
		mode = KCOV_MODE_TRACE_PC_EXT;
#endif
		break;
	default:
		return -EINVAL;
	}
	if (t->kcov_mode != KCOV_MODE_DISABLED)
		return -EBUSY;
	kcov_rt_start(t, size, area, mode, trace_mode == KCOV_TRACE_PC_EXT);
	return 0;
}

int kcov_rt_disable(void)
{
	struct kcov_rt_task *t = current;

	if (t->kcov_mode == KCOV_MODE_DISABLED)
		return -EINVAL;
	WRITE_ONCE(t->kcov_mode, KCOV_MODE_DISABLED);
	barrier();
	t->kcov_size = 0;
	t->kcov_area = NULL;
	return 0;
}

void kcov_rt_irq_enter(void)
{
	current->preempt_count += HARDIRQ_OFFSET;
	barrier();
}

void kcov_rt_irq_exit(void)
{
	barrier();
	current->preempt_count -= HARDIRQ_OFFSET;
}

void kcov_rt_softirq_enter(void)
{
	current->preempt_count += SOFTIRQ_OFFSET;
	barrier();
}

void kcov_rt_softirq_exit(void)
{
	barrier();
	current->preempt_count -= SOFTIRQ_OFFSET;
}

void kcov_rt_collect_softirq(int on)
{
	current->kcov_softirq = !!on;
}

int kcov_rt_dump(const unsigned long *area, const char *path)
{
	unsigned long count = READ_ONCE(area[0]);
	size_t left = (count + 1) * sizeof(area[0]);
	const char *p = (const char *)area;
	int fd, err = 0;

	/* Records are stored as the CPU wrote them: little-endian here. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		p += n;
		left -= n;
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

/* KCOV_RT_MODE / KCOV_RT_SIZE / KCOV_RT_OUT: collection without code changes. */
static unsigned long *kcov_rt_auto_area;
static const char *kcov_rt_auto_out;

static void kcov_rt_auto_dump(void)
{
	int err;

	kcov_rt_disable();
	err = kcov_rt_dump(kcov_rt_auto_area, kcov_rt_auto_out);
	if (err)
		fprintf(stderr, "kcov-ext: %s: %s\n", kcov_rt_auto_out, strerror(-err));
}

/*
 * KCOV_RT_RESET_MS=N: empty the area every N ms, the way a fuzzer resets it
 * between programs, so that long runs keep recording into a modest area
 * (for benchmarks; the records of a reset run are not a whole trace).
 */
static void kcov_rt_reset_area(int sig)
{
	(void)sig;
	WRITE_ONCE(kcov_rt_auto_area[0], 0);
}

static void kcov_rt_auto_reset(const char *ms_name)
{
	struct sigaction sa = { .sa_handler = kcov_rt_reset_area, .sa_flags = SA_RESTART };
	struct itimerval every = { { 0, 0 }, { 0, 0 } };
	unsigned long ms;
	char *end;

	if (!ms_name || !*ms_name)
		return;
	errno = 0;
	ms = strtoul(ms_name, &end, 0);
	if (errno || *end || !ms || ms > 60000) {
		fprintf(stderr, "kcov-ext: KCOV_RT_RESET_MS=%s: expected 1 to 60000\n", ms_name);
		exit(2);
	}
	every.it_interval.tv_sec = ms / 1000;
	every.it_interval.tv_usec = ms % 1000 * 1000;
	every.it_value = every.it_interval;
	if (sigaction(SIGALRM, &sa, NULL) || setitimer(ITIMER_REAL, &every, NULL)) {
		fprintf(stderr, "kcov-ext: KCOV_RT_RESET_MS: %s\n", strerror(errno));
		exit(2);
	}
}

/* The first object dl_iterate_phdr() reports is the executable. */
static int kcov_rt_find_load_offset(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	kcov_rt_load_offset = info->dlpi_addr;
	return 1;
}

__attribute__((constructor)) static void kcov_rt_init(void)
{
	const char *mode_name = getenv("KCOV_RT_MODE");
	const char *size_name = getenv("KCOV_RT_SIZE");
	unsigned long size = 1ul << 20;
	unsigned int mode;
	char *end;
	int err;

	dl_iterate_phdr(kcov_rt_find_load_offset, NULL);
	if (!mode_name || !*mode_name)
		return;
	if (!strcmp(mode_name, "classic")) {
		mode = KCOV_TRACE_PC;
	} else if (!strcmp(mode_name, "ext")) {
		mode = KCOV_TRACE_PC_EXT;
	} else {
		fprintf(stderr, "kcov-ext: KCOV_RT_MODE=%s: expected classic or ext\n", mode_name);
		exit(2);
	}
	if (size_name) {
		errno = 0;
		size = strtoul(size_name, &end, 0);
		if (errno || *end || size < 2 || size > (1ul << 31)) {
			fprintf(stderr, "kcov-ext: KCOV_RT_SIZE=%s: expected 2 to 2^31 records\n",
				size_name);
			exit(2);
		}
	}
	kcov_rt_auto_area = mmap(NULL, size * sizeof(unsigned long),
				 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (kcov_rt_auto_area == MAP_FAILED) {
		fprintf(stderr, "kcov-ext: cannot map an area of %lu records\n", size);
		exit(2);
	}
	err = kcov_rt_enable(kcov_rt_auto_area, size, mode);
	if (err) {
		fprintf(stderr, "kcov-ext: KCOV_RT_MODE=%s: %s\n", mode_name, strerror(-err));
		exit(2);
	}
	kcov_rt_auto_out = getenv("KCOV_RT_OUT");
	if (kcov_rt_auto_out && *kcov_rt_auto_out)
		atexit(kcov_rt_auto_dump);
	kcov_rt_auto_reset(getenv("KCOV_RT_RESET_MS"));
}
