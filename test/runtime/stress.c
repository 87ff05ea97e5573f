// The runtime under load, in plain, ASan+UBSan and TSan builds of it: many
// threads collecting at once into their own areas with deep recursion,
// signal handlers running instrumented code mid-record (declared as
// interrupts, and not declared; from other threads and from per-thread
// timers every 50 us), and areas that fill up. Every thread's
// area must hold exactly the records a quiet single-threaded run makes:
// none lost, none torn, none from another thread or an interrupt. Then the
// decoder, built with ASan+UBSan, reads the areas. (TSan holds signals
// until the thread next enters its runtime, so under TSan handlers seldom
// run mid-record; the plain and ASan builds take thousands.)
//
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/stress-workload.c -o %t.workload.o
// RUN: %gcc -O2 -I%runtime_include -I%src_root/include %s %t.workload.o %kcov_rt -lpthread -o %t.plain
// RUN: %t.plain %t.plain-area | %FileCheck %s
// RUN: %gcc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
// RUN:   -I%runtime_include -I%src_root/include %s %runtime_include/kcov_rt.c %t.workload.o -lpthread -o %t.asan
// RUN: %t.asan %t.asan-area | %FileCheck %s
// RUN: %gcc -O1 -g -fsanitize=thread -I%runtime_include -I%src_root/include %s %runtime_include/kcov_rt.c \
// RUN:   %t.workload.o -lpthread -o %t.tsan
// RUN: env TSAN_OPTIONS=halt_on_error=1 %t.tsan %t.tsan-area | %FileCheck %s
//
// The decoder with ASan+UBSan on what the threads recorded:
// RUN: %gcc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
// RUN:   -DKCOV_EXT_VERSION='"asan"' %decoder_include %cli_src/*.c %decoder_src/*.c \
// RUN:   -ldw -lelf -lstdc++ -o %t.kcov-ext-asan
// RUN: %t.kcov-ext-asan stats %t.plain-area --exe %t.plain | %FileCheck %s --check-prefix=STATS
// RUN: %t.kcov-ext-asan tree %t.asan-area --exe %t.asan | %FileCheck %s --check-prefix=TREE
// RUN: %t.kcov-ext-asan folded %t.tsan-area --exe %t.tsan | %FileCheck %s --check-prefix=FOLDED
// RUN: %not %t.kcov-ext-asan stats %t.plain-area.full --exe %t.plain | %FileCheck %s --check-prefix=FULL
//
// CHECK: ok reference: [[N:[0-9]+]] records, max depth 1003
// CHECK: ok threads: 16 threads x [[N]] records identical, {{[0-9]+}} declared interrupts
// CHECK: ok undeclared: 16 threads x [[N]] records identical once handler records are dropped, {{[0-9]+}} handler records kept intact
// CHECK: ok full: 16 threads x 4095 records, the reference's prefix
// CHECK: all passed
//
// STATS:      records: [[N:[0-9]+]]
// STATS-NEXT: entry: [[E:[0-9]+]]
// STATS-NEXT: exit: [[E]]
// STATS:      max depth: 1003
// STATS-NEXT: unmatched exits: 0
// STATS-NEXT: resynced frames: 0
// STATS-NEXT: ambiguous landings: 0
// STATS-NEXT: doubtful frames: 0
// STATS-NEXT: stray records: 0
// STATS-NEXT: open at end: 0
// TREE: stress_run
// TREE-NEXT: stress_recurse
// TREE-NEXT: stress_recurse
// FOLDED: stress_run;stress_recurse;stress_recurse
// FULL: records: 4095
// FULL: open at end: {{[1-9][0-9]*}}
// FULL: truncated: no
// FULL: full: yes
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kcov_rt.h"
#include "Inputs/expect.h"

void stress_run(int depth, int rounds);
void stress_handler_work(void);

#define THREADS		16
#define DEPTH		1000
#define ROUNDS		40
#define AREA_SIZE	(1 << 20)
#define SMALL_SIZE	4096

enum phase { DECLARED, UNDECLARED, FULL };

struct worker {
	pthread_t thread;
	unsigned long *area;
	unsigned int size;
	enum phase phase;
};

static unsigned long *reference;
static unsigned long *handler_pcs;	/* the handler's records, sorted */
static unsigned long handler_count;
static atomic_int finished, stop;
static atomic_ulong interrupts;
static enum phase current_phase;

static unsigned long *alloc_area(unsigned int size)
{
	unsigned long *area = calloc(size, sizeof(*area));

	EXPECT(area);
	return area;
}

static void on_signal(int sig)
{
	(void)sig;
	if (current_phase == DECLARED)
		kcov_rt_irq_enter();
	stress_handler_work();
	if (current_phase == DECLARED)
		kcov_rt_irq_exit();
	atomic_fetch_add(&interrupts, 1);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	/* Besides the main thread's signals, a timer of our own every 50 us. */
	struct sigevent sev = {
		.sigev_notify = SIGEV_THREAD_ID,
		.sigev_signo = SIGUSR1,
	};
	struct itimerspec every = {
		.it_interval = { .tv_nsec = 50000 },
		.it_value = { .tv_nsec = 50000 },
	};
	timer_t timer;

	sev._sigev_un._tid = gettid();	/* sigev_notify_thread_id */
	EXPECT(timer_create(CLOCK_MONOTONIC, &sev, &timer) == 0);
	EXPECT(kcov_rt_enable(w->area, w->size, KCOV_TRACE_PC_EXT) == 0);
	EXPECT(timer_settime(timer, 0, &every, NULL) == 0);
	stress_run(DEPTH, ROUNDS);
	EXPECT(timer_delete(timer) == 0);
	EXPECT(kcov_rt_disable() == 0);
	atomic_fetch_add(&finished, 1);
	/* Stay alive until the signals stop: pthread_kill needs a live thread. */
	while (!atomic_load(&stop))
		sched_yield();
	return NULL;
}

/* Run THREADS workers, signalling them until all have finished. */
static void run_workers(struct worker *w, enum phase phase, unsigned int size)
{
	current_phase = phase;
	atomic_store(&finished, 0);
	atomic_store(&stop, 0);
	atomic_store(&interrupts, 0);
	for (int i = 0; i < THREADS; i++) {
		w[i].size = size;
		w[i].area = alloc_area(size);
		w[i].phase = phase;
		EXPECT(pthread_create(&w[i].thread, NULL, work, &w[i]) == 0);
	}
	while (atomic_load(&finished) < THREADS) {
		for (int i = 0; i < THREADS; i++)
			pthread_kill(w[i].thread, SIGUSR1);
		sched_yield();
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < THREADS; i++)
		EXPECT(pthread_join(w[i].thread, NULL) == 0);
}

/* Keep the first thread's area for the decoder; free them all. */
static void dump_and_free(struct worker *w, const char *base, const char *suffix)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s%s", base, suffix);
	EXPECT(kcov_rt_dump(w[0].area, path) == 0);
	for (int i = 0; i < THREADS; i++)
		free(w[i].area);
}

static int compare_pc(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static int is_handler_record(unsigned long record)
{
	return bsearch(&record, handler_pcs, handler_count, sizeof(record),
		       compare_pc) != NULL;
}

int main(int argc, char **argv)
{
	struct worker w[THREADS];
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned long n, depth = 0, max_depth = 0, kept = 0;
	unsigned long *tmp;

	EXPECT(argc == 2);

	/* The reference: one quiet run, and the handler's own records. */
	reference = alloc_area(AREA_SIZE);
	EXPECT(kcov_rt_enable(reference, AREA_SIZE, KCOV_TRACE_PC_EXT) == 0);
	stress_run(DEPTH, ROUNDS);
	EXPECT(kcov_rt_disable() == 0);
	n = reference[0];
	EXPECT(n > 0 && n < AREA_SIZE - 1);
	for (unsigned long i = 1; i <= n; i++) {
		unsigned long type = TYPE(reference[i]);

		if (type == KCOV_RECORDFLAG_TYPE_ENTRY) {
			if (++depth > max_depth)
				max_depth = depth;
		} else if (type == KCOV_RECORDFLAG_TYPE_EXIT) {
			EXPECT(depth > 0);
			depth--;
		} else {
			EXPECT(type == KCOV_RECORDFLAG_TYPE_NORMAL);
		}
	}
	EXPECT(depth == 0);
	printf("ok reference: %lu records, max depth %lu\n", n, max_depth);

	handler_pcs = alloc_area(64);
	EXPECT(kcov_rt_enable(handler_pcs, 64, KCOV_TRACE_PC_EXT) == 0);
	stress_handler_work();
	EXPECT(kcov_rt_disable() == 0);
	handler_count = handler_pcs[0];
	EXPECT(handler_count >= 4);
	memmove(handler_pcs, handler_pcs + 1, handler_count * sizeof(*handler_pcs));
	qsort(handler_pcs, handler_count, sizeof(*handler_pcs), compare_pc);
	for (unsigned long i = 0; i < n; i++)
		EXPECT(!is_handler_record(reference[i + 1]));

	EXPECT(sigaction(SIGUSR1, &sa, NULL) == 0);

	/* Interrupts declared: they record nothing; areas equal the reference. */
	run_workers(w, DECLARED, AREA_SIZE);
	for (int i = 0; i < THREADS; i++) {
		EXPECT(memcmp(w[i].area, reference, (n + 1) * sizeof(*reference)) == 0);
	}
	dump_and_free(w, argv[1], "");
	printf("ok threads: %d threads x %lu records identical, %lu declared interrupts\n",
	       THREADS, n, atomic_load(&interrupts));

	/*
	 * Not declared: a handler's records land in the area of the thread it
	 * interrupted, and one that arrives between the read of the count and
	 * its update is partly overwritten (the kernel never lets an interrupt
	 * record for this reason). Whatever is left must be whole handler
	 * records, and dropping them must give the reference exactly.
	 */
	tmp = alloc_area(AREA_SIZE);
	run_workers(w, UNDECLARED, AREA_SIZE);
	for (int i = 0; i < THREADS; i++) {
		unsigned long m = 0;

		EXPECT(w[i].area[0] >= n && w[i].area[0] < AREA_SIZE);
		for (unsigned long j = 1; j <= w[i].area[0]; j++) {
			if (is_handler_record(w[i].area[j]))
				kept++;
			else
				tmp[++m] = w[i].area[j];
		}
		tmp[0] = m;
		EXPECT(memcmp(tmp, reference, (n + 1) * sizeof(*reference)) == 0);
		free(w[i].area);
	}
	free(tmp);
	printf("ok undeclared: %d threads x %lu records identical once handler records are dropped, %lu handler records kept intact\n",
	       THREADS, n, kept);

	/* Small areas fill up: the records stop, the first ones stay. */
	run_workers(w, DECLARED, SMALL_SIZE);
	for (int i = 0; i < THREADS; i++) {
		EXPECT(w[i].area[0] == SMALL_SIZE - 1);
		EXPECT(memcmp(w[i].area + 1, reference + 1,
			      (SMALL_SIZE - 1) * sizeof(*reference)) == 0);
	}
	dump_and_free(w, argv[1], ".full");
	printf("ok full: %d threads x %d records, the reference's prefix\n",
	       THREADS, SMALL_SIZE - 1);

	free(reference);
	free(handler_pcs);
	printf("all passed\n");
	return 0;
}
