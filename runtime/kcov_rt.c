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
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
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

/*
 * The areas enabled so far, with their size and mode, for the load map
 * that kcov_rt_dump() writes beside each (user space only).
 */
struct kcov_rt_area {
	unsigned long *area;
	unsigned int size;
	bool ext;
	pid_t tid;		/* the thread that enabled it last */
	struct kcov_rt_area *next;
};

static struct kcov_rt_area *kcov_rt_areas;
static pthread_mutex_t kcov_rt_lock = PTHREAD_MUTEX_INITIALIZER;

static int kcov_rt_remember_area(unsigned long *area, unsigned int size, bool ext)
{
	struct kcov_rt_area *a;
	int err = 0;

	pthread_mutex_lock(&kcov_rt_lock);
	for (a = kcov_rt_areas; a && a->area != area; a = a->next)
		;
	if (!a) {
		a = malloc(sizeof(*a));
		if (a) {
			a->area = area;
			a->next = kcov_rt_areas;
			kcov_rt_areas = a;
		}
	}
	if (a) {
		a->size = size;
		a->ext = ext;
		a->tid = gettid();
	} else {
		err = -ENOMEM;
	}
	pthread_mutex_unlock(&kcov_rt_lock);
	return err;
}

/* The area is unmapped: forget it; the lock is held. */
static void kcov_rt_forget_area(unsigned long *area)
{
	struct kcov_rt_area **p, *a;

	for (p = &kcov_rt_areas; *p; p = &(*p)->next) {
		if ((*p)->area == area) {
			a = *p;
			*p = a->next;
			free(a);
			return;
		}
	}
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
	if (kcov_rt_remember_area(area, size, trace_mode == KCOV_TRACE_PC_EXT))
		return -ENOMEM;
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

/*
 * The load map: every object seen mapped while areas recorded. Objects
 * are snapshotted when an area is dumped and before dlclose() unloads one,
 * so that the PCs of an unloaded library still have a name.
 */
struct kcov_rt_module {
	unsigned long bias, start, end;
	char build_id[2 * 64 + 1];
	char path[4096];
};

#define KCOV_RT_MAX_MODULES	4096

static struct kcov_rt_module *kcov_rt_modules;
static unsigned int kcov_rt_nmodules;

static void kcov_rt_build_id(const struct dl_phdr_info *info, char *hex)
{
	hex[0] = '\0';
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;

		if (ph->p_type != PT_NOTE)
			continue;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof(*note);
			const unsigned char *desc =
				(const unsigned char *)name + ((note->n_namesz + 3) & ~3u);

			if ((const char *)desc + note->n_descsz > end)
				break;
			if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4) && note->n_descsz <= 64) {
				for (unsigned int j = 0; j < note->n_descsz; j++)
					sprintf(hex + 2 * j, "%02x", desc[j]);
				return;
			}
			p = (const char *)desc + ((note->n_descsz + 3) & ~3u);
		}
	}
}

static int kcov_rt_add_module(struct dl_phdr_info *info, size_t size, void *data)
{
	struct kcov_rt_module m = { .bias = info->dlpi_addr, .start = ~0ul };

	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (info->dlpi_addr + ph->p_vaddr < m.start)
			m.start = info->dlpi_addr + ph->p_vaddr;
		if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > m.end)
			m.end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	if (m.start >= m.end)
		return 0;
	/* The executable comes first, with an empty name. */
	if (!info->dlpi_name || !info->dlpi_name[0]) {
		ssize_t n = readlink("/proc/self/exe", m.path, sizeof(m.path) - 1);

		m.path[n > 0 ? n : 0] = '\0';
	} else {
		snprintf(m.path, sizeof(m.path), "%s", info->dlpi_name);
	}
	if (!m.path[0] || strchr(m.path, '\n'))
		return 0;
	kcov_rt_build_id(info, m.build_id);
	for (unsigned int i = 0; i < kcov_rt_nmodules; i++)
		if (!memcmp(&kcov_rt_modules[i], &m, sizeof(m)))
			return 0;
	if (kcov_rt_nmodules < KCOV_RT_MAX_MODULES)
		kcov_rt_modules[kcov_rt_nmodules++] = m;
	return 0;
}

/* Take a snapshot of the objects mapped now; the lock is held. */
static void kcov_rt_snapshot_modules(void)
{
	if (!kcov_rt_modules) {
		kcov_rt_modules = calloc(KCOV_RT_MAX_MODULES, sizeof(*kcov_rt_modules));
		if (!kcov_rt_modules)
			return;
	}
	dl_iterate_phdr(kcov_rt_add_module, NULL);
}

/* Remove PATH.map if it is there: 0, or -1 with errno set. */
static int kcov_rt_remove_map(const char *path)
{
	char map_path[4096 + 8];

	if (snprintf(map_path, sizeof(map_path), "%s.map", path) >= (int)sizeof(map_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return unlink(map_path) && errno != ENOENT ? -1 : 0;
}

/*
 * Write PATH.map for an area of SIZE words recorded by thread TID in ext
 * mode or not; LOCKED: the caller holds kcov_rt_lock.
 */
static int kcov_rt_write_map(const char *path, unsigned int size, bool ext, pid_t tid,
			     bool locked)
{
	char map_path[4096 + 8];
	FILE *out;
	int err = 0;

	if (snprintf(map_path, sizeof(map_path), "%s.map", path) >= (int)sizeof(map_path))
		return -ENAMETOOLONG;
	out = fopen(map_path, "we");
	if (!out)
		return -errno;
	if (!locked)
		pthread_mutex_lock(&kcov_rt_lock);
	kcov_rt_snapshot_modules();
	fprintf(out, "kcov-ext-map 1\nmode %s\nsize %u\npid %d\ntid %d\nexe-bias 0x%lx\n",
		ext ? "ext" : "classic", size, (int)getpid(), (int)tid, kcov_rt_load_offset);
	for (unsigned int i = 0; kcov_rt_modules && i < kcov_rt_nmodules; i++) {
		const struct kcov_rt_module *m = &kcov_rt_modules[i];

		fprintf(out, "module 0x%lx 0x%lx 0x%lx %s %s\n", m->bias, m->start, m->end,
			m->build_id[0] ? m->build_id : "-", m->path);
	}
	if (!kcov_rt_modules)
		err = -ENOMEM;
	if (!locked)
		pthread_mutex_unlock(&kcov_rt_lock);
	if (ferror(out) && !err)
		err = -EIO;
	if (fclose(out) && !err)
		err = -errno;
	return err;
}

/* write() all of BUF, or -errno. */
static int kcov_rt_write_all(int fd, const void *buf, size_t left)
{
	const char *p = buf;

	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		left -= n;
	}
	return 0;
}

/*
 * Write AREA's count, then that many records. The thread that records
 * into it may still be running (a process that exits while other threads
 * work): the count is read once, and a last record it has counted but not
 * yet written (still 0, which no record is) is left out.
 */
static int kcov_rt_write_area(const unsigned long *area, const char *path)
{
	unsigned long count = READ_ONCE(area[0]);
	int fd, err;

	if (count && !READ_ONCE(area[count]))
		count--;
	/* A map left from an earlier run must not describe this area. */
	if (kcov_rt_remove_map(path))
		return -errno;
	/* Records are stored as the CPU wrote them: little-endian here. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	err = kcov_rt_write_all(fd, &count, sizeof(count));
	if (!err)
		err = kcov_rt_write_all(fd, area + 1, count * sizeof(area[0]));
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int kcov_rt_dump(const unsigned long *area, const char *path)
{
	const struct kcov_rt_area *a;
	unsigned int size = 0;
	bool ext = false;
	pid_t tid = 0;
	int err = kcov_rt_write_area(area, path);

	if (err)
		return err;
	pthread_mutex_lock(&kcov_rt_lock);
	for (a = kcov_rt_areas; a && a->area != area; a = a->next)
		;
	if (a) {
		size = a->size;
		ext = a->ext;
		tid = a->tid;
	}
	pthread_mutex_unlock(&kcov_rt_lock);
	/* An area never enabled gets no map: nothing says how it was read. */
	return a ? kcov_rt_write_map(path, size, ext, tid, false) : 0;
}

/*
 * dlclose() may unmap an object whose PCs areas hold: snapshot the load
 * map first.
 */
int dlclose(void *handle)
{
	static int (*real_dlclose)(void *);

	if (!real_dlclose)
		real_dlclose = (int (*)(void *))dlsym(RTLD_NEXT, "dlclose");
	if (!real_dlclose)
		abort();
	pthread_mutex_lock(&kcov_rt_lock);
	kcov_rt_snapshot_modules();
	pthread_mutex_unlock(&kcov_rt_lock);
	return real_dlclose(handle);
}

/*
 * KCOV_RT_MODE / KCOV_RT_SIZE / KCOV_RT_OUT: collection without code
 * changes. Every thread records into an area of its own: the first thread
 * of the process into KCOV_RT_OUT, every other thread (pthread_create(),
 * or the child of a fork()) into KCOV_RT_OUT.TID. "%p" in KCOV_RT_OUT is
 * the process ID, for programs that run themselves.
 */
struct kcov_rt_auto {
	unsigned long *area;
	char path[4096];
	pid_t tid;
	bool dumped;
	struct kcov_rt_auto *next;
};

static unsigned int kcov_rt_auto_mode = ~0u;
static unsigned long kcov_rt_auto_size;
static char kcov_rt_auto_out[4096];
static bool kcov_rt_auto_write;		/* false: KCOV_RT_RESET_MS without KCOV_RT_OUT */
static struct kcov_rt_auto *kcov_rt_auto_threads;
static __thread struct kcov_rt_auto *kcov_rt_auto_self;
static pthread_key_t kcov_rt_auto_key;
static int (*kcov_rt_real_pthread_create)(pthread_t *, const pthread_attr_t *,
					  void *(*)(void *), void *);

static void kcov_rt_auto_fail(const char *what, int err)
{
	fprintf(stderr, "kcov-ext: %s: %s\n", what, strerror(err));
	exit(2);
}

/* KCOV_RT_OUT with "%p" replaced by the process ID, then ".TID" if any. */
static void kcov_rt_auto_path(char *path, size_t size, pid_t tid)
{
	size_t n = 0;

	for (const char *p = kcov_rt_auto_out; *p && n + 1 < size; p++) {
		if (p[0] == '%' && p[1] == 'p') {
			n += snprintf(path + n, size - n, "%d", (int)getpid());
			p++;
		} else {
			path[n++] = *p;
		}
	}
	path[n < size ? n : size - 1] = '\0';
	if (tid)
		snprintf(path + strlen(path), size - strlen(path), ".%d", (int)tid);
}

static void kcov_rt_auto_dump_one(struct kcov_rt_auto *a)
{
	int err;

	if (a->dumped || !kcov_rt_auto_write)
		return;
	a->dumped = true;
	err = kcov_rt_write_area(a->area, a->path);
	if (!err)
		err = kcov_rt_write_map(a->path, kcov_rt_auto_size,
					kcov_rt_auto_mode == KCOV_TRACE_PC_EXT, a->tid, true);
	if (err)
		fprintf(stderr, "kcov-ext: %s: %s\n", a->path, strerror(-err));
}

/*
 * Start recording the calling thread into a new area, written to
 * KCOV_RT_OUT (TID 0: the first thread) or KCOV_RT_OUT.TID. The first
 * one's file is created now, so that an unwritable path fails before
 * main(); the others' when they are written (a child that only calls
 * exec() leaves none). Returns 0 or -errno.
 */
static int kcov_rt_auto_start(pid_t tid)
{
	struct kcov_rt_auto *a = calloc(1, sizeof(*a));
	int fd, err;

	if (!a)
		return -ENOMEM;
	kcov_rt_auto_path(a->path, sizeof(a->path), tid);
	a->tid = gettid();
	if (!tid && kcov_rt_auto_write) {
		fd = open(a->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			err = -errno;
			free(a);
			return err;
		}
		close(fd);
	}
	a->area = mmap(NULL, kcov_rt_auto_size * sizeof(unsigned long),
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a->area == MAP_FAILED) {
		free(a);
		return -ENOMEM;
	}
	err = kcov_rt_enable(a->area, kcov_rt_auto_size, kcov_rt_auto_mode);
	if (err) {
		munmap(a->area, kcov_rt_auto_size * sizeof(unsigned long));
		free(a);
		return err;
	}
	pthread_mutex_lock(&kcov_rt_lock);
	a->next = kcov_rt_auto_threads;
	kcov_rt_auto_threads = a;
	pthread_mutex_unlock(&kcov_rt_lock);
	kcov_rt_auto_self = a;
	pthread_setspecific(kcov_rt_auto_key, a);
	return 0;
}

/* A thread ends: stop, write its area and free it. */
static void kcov_rt_auto_thread_exit(void *data)
{
	struct kcov_rt_auto *a = data, **p;

	kcov_rt_disable();
	kcov_rt_auto_self = NULL;
	pthread_mutex_lock(&kcov_rt_lock);
	kcov_rt_auto_dump_one(a);
	for (p = &kcov_rt_auto_threads; *p; p = &(*p)->next) {
		if (*p == a) {
			*p = a->next;
			break;
		}
	}
	kcov_rt_forget_area(a->area);
	pthread_mutex_unlock(&kcov_rt_lock);
	munmap(a->area, kcov_rt_auto_size * sizeof(unsigned long));
	free(a);
}

/* The process ends: write every area, of threads still running too. */
static void kcov_rt_auto_exit(void)
{
	if (kcov_rt_auto_self)
		kcov_rt_disable();
	pthread_mutex_lock(&kcov_rt_lock);
	for (struct kcov_rt_auto *a = kcov_rt_auto_threads; a; a = a->next)
		kcov_rt_auto_dump_one(a);
	pthread_mutex_unlock(&kcov_rt_lock);
}

struct kcov_rt_start_arg {
	void *(*start)(void *);
	void *arg;
};

static void *kcov_rt_auto_thread(void *data)
{
	struct kcov_rt_start_arg start = *(struct kcov_rt_start_arg *)data;
	int err;

	free(data);
	err = kcov_rt_auto_start(gettid());
	if (err)
		kcov_rt_auto_fail("cannot record a new thread", -err);
	return start.start(start.arg);
}

/* In auto mode, every new thread records into an area of its own. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	struct kcov_rt_start_arg *a;
	int err;

	if (!kcov_rt_real_pthread_create)
		kcov_rt_real_pthread_create = dlsym(RTLD_NEXT, "pthread_create");
	if (!kcov_rt_real_pthread_create)
		abort();
	if (kcov_rt_auto_mode == ~0u)
		return kcov_rt_real_pthread_create(thread, attr, start, arg);
	a = malloc(sizeof(*a));
	if (!a)
		return EAGAIN;
	a->start = start;
	a->arg = arg;
	err = kcov_rt_real_pthread_create(thread, attr, kcov_rt_auto_thread, a);
	if (err)
		free(a);
	return err;
}

/*
 * The child of a fork() has one thread, the one that forked: it records
 * from here on into an area of its own; the other threads' areas belong
 * to the parent.
 */
static void kcov_rt_auto_fork_prepare(void)
{
	pthread_mutex_lock(&kcov_rt_lock);
}

static void kcov_rt_auto_fork_parent(void)
{
	pthread_mutex_unlock(&kcov_rt_lock);
}

static void kcov_rt_auto_fork_child(void)
{
	struct kcov_rt_auto *self = kcov_rt_auto_self;
	int err;

	/* Taken in kcov_rt_auto_fork_prepare(): the lists are whole. */
	pthread_mutex_unlock(&kcov_rt_lock);
	kcov_rt_auto_threads = NULL;
	if (!self)
		return;
	kcov_rt_disable();
	kcov_rt_forget_area(self->area);
	munmap(self->area, kcov_rt_auto_size * sizeof(unsigned long));
	free(self);
	kcov_rt_auto_self = NULL;
	err = kcov_rt_auto_start(getpid());
	if (err)
		kcov_rt_auto_fail("cannot record a forked child", -err);
}

/*
 * KCOV_RT_RESET_MS=N: empty the area every N ms, the way a fuzzer resets it
 * between programs, so that long runs keep recording into a modest area
 * (for benchmarks; the records of a reset run are not a whole trace).
 */
static void kcov_rt_reset_area(int sig)
{
	(void)sig;
	if (kcov_rt_auto_self)
		WRITE_ONCE(kcov_rt_auto_self->area[0], 0);
}

static void kcov_rt_auto_reset(const char *ms_name)
{
	struct sigaction sa = { .sa_handler = kcov_rt_reset_area, .sa_flags = SA_RESTART };
	struct itimerval every = { { 0, 0 }, { 0, 0 } };
	unsigned long ms;
	char *end;

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
	const char *out = getenv("KCOV_RT_OUT");
	const char *reset = getenv("KCOV_RT_RESET_MS");
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
	/* Recording nowhere is a mistake; only benchmarks that reset do it. */
	if ((!out || !*out) && !(reset && *reset)) {
		fprintf(stderr, "kcov-ext: KCOV_RT_MODE=%s needs KCOV_RT_OUT=FILE to write the records to\n",
			mode_name);
		exit(2);
	}
	if (out && strlen(out) >= sizeof(kcov_rt_auto_out) - 32) {
		fprintf(stderr, "kcov-ext: KCOV_RT_OUT is too long\n");
		exit(2);
	}
	kcov_rt_auto_write = out && *out;
	snprintf(kcov_rt_auto_out, sizeof(kcov_rt_auto_out), "%s", kcov_rt_auto_write ? out : "");
	kcov_rt_real_pthread_create = dlsym(RTLD_NEXT, "pthread_create");
	if (!kcov_rt_real_pthread_create || pthread_key_create(&kcov_rt_auto_key,
							       kcov_rt_auto_thread_exit) ||
	    pthread_atfork(kcov_rt_auto_fork_prepare, kcov_rt_auto_fork_parent,
			   kcov_rt_auto_fork_child)) {
		fprintf(stderr, "kcov-ext: KCOV_RT_MODE=%s: cannot follow new threads\n",
			mode_name);
		exit(2);
	}
	kcov_rt_auto_mode = mode;
	kcov_rt_auto_size = size;
	err = kcov_rt_auto_start(0);
	if (err == -ENOTSUP) {
		fprintf(stderr, "kcov-ext: KCOV_RT_MODE=%s: %s\n", mode_name, strerror(-err));
		exit(2);
	}
	if (err)
		kcov_rt_auto_fail(kcov_rt_auto_out, -err);
	if (kcov_rt_auto_write)
		atexit(kcov_rt_auto_exit);
	if (reset && *reset)
		kcov_rt_auto_reset(reset);
}
