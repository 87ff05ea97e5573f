// The runtime's hot path, in each design: record format and types, classic
// mode (entries as plain PCs, no exits), a full area (no write past it: a
// guard page follows), per-thread areas, signal handlers running
// instrumented code mid-collection (as an interrupt: nothing recorded; not
// declared: the area stays consistent), softirq collection, and enable's
// errors. The harness is not instrumented; Inputs/workload.c is.
// RUN: %gcc -O2 %gcc_plugin_flag -c %S/Inputs/workload.c -o %t.workload.o
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/workload.c -o %t.workload-pc.o
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include %s %t.workload.o %kcov_rt -lpthread -o %t.modebit
// RUN: %t.modebit | %FileCheck %s --check-prefixes=CHECK,EXT
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include %s %t.workload.o %kcov_rt_v1 -lpthread -o %t.v1
// RUN: %t.v1 | %FileCheck %s --check-prefixes=CHECK,EXT
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include %s %t.workload.o %kcov_rt_classic -lpthread -o %t.classic
// RUN: %t.classic | %FileCheck %s --check-prefixes=CHECK,NOEXT
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include -DWITH_TRACE_PC %s %t.workload-pc.o %kcov_rt -lpthread -o %t.modebit-pc
// RUN: %t.modebit-pc | %FileCheck %s --check-prefixes=CHECK,EXT,NORMAL
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include -DWITH_TRACE_PC %s %t.workload-pc.o %kcov_rt_v1 -lpthread -o %t.v1-pc
// RUN: %t.v1-pc | %FileCheck %s --check-prefixes=CHECK,EXT,NORMAL
//
// CHECK: ok errors
// EXT: ok ext-records
// NORMAL: ok ext-normal-records
// NOEXT: ok ext-unsupported
// CHECK: ok classic-records
// CHECK: ok full-area
// CHECK: ok threads
// CHECK: ok signal-as-interrupt
// CHECK: ok signal-undeclared
// CHECK: ok softirq
// CHECK: all passed
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "kcov_rt.h"
#include "Inputs/expect.h"

void workload_leaf(void);
void workload_call(void);
void workload_other(void);

static unsigned long load_bias;

static int find_bias(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	load_bias = info->dlpi_addr;
	return 1;
}

/*
 * Whether a record's PC lies in FN: FN is the workload function that starts
 * last at or before the PC (they are small and next to each other).
 */
static int in_function(unsigned long record, void (*fn)(void))
{
	void (*const fns[])(void) = { workload_leaf, workload_call, workload_other };
	unsigned long pc = IP(record) + load_bias, best = 0;

	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if ((unsigned long)fns[i] < pc && (unsigned long)fns[i] > best)
			best = (unsigned long)fns[i];
	return best == (unsigned long)fn && pc < best + 128;
}

static unsigned long area[4096];

/* Records other than normal ones, in order. */
static size_t calls_only(unsigned long *out, size_t max)
{
	size_t n = 0;

	for (unsigned long i = 1; i <= area[0] && n < max; i++) {
#ifdef WITH_TRACE_PC
		if (TYPE(area[i]) == KCOV_RECORDFLAG_TYPE_NORMAL)
			continue;
#endif
		out[n++] = area[i];
	}
	return n;
}

static void test_errors(void)
{
	EXPECT(kcov_rt_enable(area, 64, 7) == -EINVAL);
	EXPECT(kcov_rt_enable(area, 64, KCOV_TRACE_CMP) == -ENOTSUP);
	EXPECT(kcov_rt_enable(area, 1, KCOV_TRACE_PC) == -EINVAL);
	EXPECT(kcov_rt_enable(NULL, 64, KCOV_TRACE_PC) == -EINVAL);
	EXPECT(kcov_rt_disable() == -EINVAL);
	EXPECT(kcov_rt_enable(area, 64, KCOV_TRACE_PC) == 0);
	EXPECT(kcov_rt_enable(area, 64, KCOV_TRACE_PC) == -EBUSY);
	EXPECT(kcov_rt_disable() == 0);
	puts("ok errors");
}

static void test_ext_records(void)
{
	unsigned long r[8];
	int err;

	area[0] = 0;
	err = kcov_rt_enable(area, 4096, KCOV_TRACE_PC_EXT);
	if (err == -ENOTSUP) {
		puts("ok ext-unsupported");
		return;
	}
	EXPECT(err == 0);
	workload_call();
	EXPECT(kcov_rt_disable() == 0);
	EXPECT(calls_only(r, 8) == 4);
	EXPECT(TYPE(r[0]) == KCOV_RECORDFLAG_TYPE_ENTRY && in_function(r[0], workload_call));
	EXPECT(TYPE(r[1]) == KCOV_RECORDFLAG_TYPE_ENTRY && in_function(r[1], workload_leaf));
	EXPECT(TYPE(r[2]) == KCOV_RECORDFLAG_TYPE_EXIT && in_function(r[2], workload_leaf));
	EXPECT(TYPE(r[3]) == KCOV_RECORDFLAG_TYPE_EXIT && in_function(r[3], workload_call));
	puts("ok ext-records");
#ifdef WITH_TRACE_PC
	EXPECT(area[0] > 4);
	for (unsigned long i = 1; i <= area[0]; i++)
		EXPECT(TYPE(area[i]) == KCOV_RECORDFLAG_TYPE_ENTRY ||
		       TYPE(area[i]) == KCOV_RECORDFLAG_TYPE_EXIT ||
		       (TYPE(area[i]) == KCOV_RECORDFLAG_TYPE_NORMAL &&
			(in_function(area[i], workload_call) ||
			 in_function(area[i], workload_leaf))));
	puts("ok ext-normal-records");
#endif
}

static void test_classic_records(void)
{
	area[0] = 0;
	EXPECT(kcov_rt_enable(area, 4096, KCOV_TRACE_PC) == 0);
	workload_call();
	EXPECT(kcov_rt_disable() == 0);
	/* Entries are plain PCs, exits record nothing. */
	for (unsigned long i = 1; i <= area[0]; i++)
		EXPECT(TYPE(area[i]) == 0);
#ifndef WITH_TRACE_PC
	EXPECT(area[0] == 2);
	EXPECT(in_function(area[1], workload_call) && in_function(area[2], workload_leaf));
#endif
	puts("ok classic-records");
}

static void test_full_area(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long *full = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int size = page / sizeof(unsigned long);

	EXPECT(full != MAP_FAILED);
	/* A guard page right after the area: a write past it faults. */
	EXPECT(mprotect((char *)full + page, page, PROT_NONE) == 0);
	EXPECT(kcov_rt_enable(full, size, KCOV_TRACE_PC) == 0);
	for (int i = 0; i < 10 * (int)size; i++)
		workload_call();
	EXPECT(kcov_rt_disable() == 0);
	EXPECT(full[0] == size - 1);
	munmap(full, 2 * page);
	puts("ok full-area");
}

static void *thread_main(void *arg)
{
	unsigned long *mine = arg;
	void (*fn)(void) = mine == area ? workload_call : workload_other;

	mine[0] = 0;
	EXPECT(kcov_rt_enable(mine, 2048, KCOV_TRACE_PC) == 0);
	for (int i = 0; i < 500; i++)
		fn();
	EXPECT(kcov_rt_disable() == 0);
	return NULL;
}

static void test_threads(void)
{
	static unsigned long other[2048];
	pthread_t a, b;

	EXPECT(pthread_create(&a, NULL, thread_main, area) == 0);
	EXPECT(pthread_create(&b, NULL, thread_main, other) == 0);
	EXPECT(pthread_join(a, NULL) == 0 && pthread_join(b, NULL) == 0);
	/* Each thread recorded its own calls, and only those. */
	for (unsigned long i = 1; i <= other[0]; i++)
		EXPECT(in_function(other[i], workload_other));
	for (unsigned long i = 1; i <= area[0]; i++)
		EXPECT(in_function(area[i], workload_call) || in_function(area[i], workload_leaf));
#ifndef WITH_TRACE_PC
	EXPECT(other[0] == 500 && area[0] == 1000);
#endif
	puts("ok threads");
}

static volatile int declare_interrupt;

static void handler(int sig)
{
	(void)sig;
	if (declare_interrupt)
		kcov_rt_irq_enter();
	workload_other();
	if (declare_interrupt)
		kcov_rt_irq_exit();
}

static unsigned long count_in(void (*fn)(void))
{
	unsigned long n = 0;

	for (unsigned long i = 1; i <= area[0]; i++)
		n += in_function(area[i], fn);
	return n;
}

static void test_signals(void)
{
	struct sigaction sa = { .sa_handler = handler };
	struct itimerval every = { { 0, 50 }, { 0, 50 } }, stop = { 0 };

	EXPECT(sigaction(SIGUSR1, &sa, NULL) == 0);
	EXPECT(sigaction(SIGALRM, &sa, NULL) == 0);

	/* Declared as an interrupt: the handler records nothing. */
	declare_interrupt = 1;
	area[0] = 0;
	EXPECT(kcov_rt_enable(area, 4096, KCOV_TRACE_PC) == 0);
	workload_call();
	raise(SIGUSR1);
	workload_call();
	EXPECT(kcov_rt_disable() == 0);
	EXPECT(count_in(workload_other) == 0);
	EXPECT(count_in(workload_call) + count_in(workload_leaf) == area[0]);
	puts("ok signal-as-interrupt");

	/*
	 * Not declared, and arriving anywhere: records may interleave or be
	 * lost, but the area stays consistent: a count within the area and
	 * every record a PC of the workload.
	 */
	declare_interrupt = 0;
	for (int round = 0; round < 20; round++) {
		area[0] = 0;
		EXPECT(kcov_rt_enable(area, 4096, KCOV_TRACE_PC) == 0);
		EXPECT(setitimer(ITIMER_REAL, &every, NULL) == 0);
		for (int i = 0; i < 20000; i++)
			workload_call();
		EXPECT(setitimer(ITIMER_REAL, &stop, NULL) == 0);
		EXPECT(kcov_rt_disable() == 0);
		EXPECT(area[0] == 4095);
		EXPECT(count_in(workload_call) + count_in(workload_leaf) +
		       count_in(workload_other) == area[0]);
	}
	puts("ok signal-undeclared");
}

static void test_softirq(void)
{
	area[0] = 0;
	EXPECT(kcov_rt_enable(area, 4096, KCOV_TRACE_PC) == 0);
	kcov_rt_softirq_enter();
	workload_other();
	EXPECT(area[0] == 0);
	kcov_rt_collect_softirq(1);
	workload_other();
	EXPECT(area[0] > 0 && count_in(workload_other) == area[0]);
	kcov_rt_collect_softirq(0);
	kcov_rt_softirq_exit();
	kcov_rt_irq_enter();
	workload_other();
	kcov_rt_irq_exit();
	EXPECT(count_in(workload_other) == area[0]);
	EXPECT(kcov_rt_disable() == 0);
	puts("ok softirq");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	dl_iterate_phdr(find_bias, NULL);
	test_errors();
	test_ext_records();
	test_classic_records();
	test_full_area();
	test_threads();
	test_signals();
	test_softirq();
	puts("all passed");
	return 0;
}
