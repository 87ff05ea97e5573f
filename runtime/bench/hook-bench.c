// SPDX-License-Identifier: GPL-2.0-only
/*
 * hook-bench: the cost of one hook call in one collection state, for the
 * runtime design this is linked with (classic, v1 flag, mode bit).
 *
 *   hook-bench                   every hook in every state, interleaved in
 *                                rounds; prints median ns/call per pair
 *   hook-bench HOOK STATE CALLS  CALLS calls of one pair (for callgrind)
 *
 * HOOK: trace_pc entry exit cyg_enter cyg_exit empty; STATE: off classic
 * ext full. "empty" is a call to a function that does nothing: the call
 * itself. With collection on, area[0] is reset every 1024 calls, the way a
 * fuzzer resets the area between programs, so the area stays in cache.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kcov_rt.h"

void __sanitizer_cov_trace_pc(void);
void __sanitizer_cov_trace_pc_entry(void);
void __sanitizer_cov_trace_pc_exit(void);
void __cyg_profile_func_enter(void *fn, void *site);
void __cyg_profile_func_exit(void *fn, void *site);

#define CHUNK 1024
#define ROUNDS 9

static unsigned long area[CHUNK + 1];

__attribute__((noinline)) static void empty(void)
{
	__asm__ volatile("");
}

/*
 * One loop per hook, written out, so that each call site is a plain
 * direct call; the empty asm keeps the compiler from merging iterations.
 */
__attribute__((noinline)) static void loop_trace_pc(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		__sanitizer_cov_trace_pc();
		__asm__ volatile("");
	}
}

__attribute__((noinline)) static void loop_entry(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		__sanitizer_cov_trace_pc_entry();
		__asm__ volatile("");
	}
}

__attribute__((noinline)) static void loop_exit(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		__sanitizer_cov_trace_pc_exit();
		__asm__ volatile("");
	}
}

__attribute__((noinline)) static void loop_cyg_enter(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		__cyg_profile_func_enter((void *)empty, NULL);
		__asm__ volatile("");
	}
}

__attribute__((noinline)) static void loop_cyg_exit(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		__cyg_profile_func_exit((void *)empty, NULL);
		__asm__ volatile("");
	}
}

__attribute__((noinline)) static void loop_empty(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		empty();
		__asm__ volatile("");
	}
}

static const struct {
	const char *name;
	void (*loop)(unsigned long);
} hooks[] = {
	{ "trace_pc", loop_trace_pc }, { "entry", loop_entry }, { "exit", loop_exit },
	{ "cyg_enter", loop_cyg_enter }, { "cyg_exit", loop_cyg_exit },
	{ "empty", loop_empty },
};
static const char *const states[] = { "off", "classic", "ext", "full" };

/* Returns 0, or -1 when this design has no such state (classic: ext). */
static int enter_state(const char *state)
{
	int err = 0;

	area[0] = 0;
	if (!strcmp(state, "classic"))
		err = kcov_rt_enable(area, CHUNK + 1, KCOV_TRACE_PC);
	else if (!strcmp(state, "ext"))
		err = kcov_rt_enable(area, CHUNK + 1, KCOV_TRACE_PC_EXT);
	else if (!strcmp(state, "full")) {
		/* Full in ext mode where there is one: nothing more fits. */
		err = kcov_rt_enable(area, 2, KCOV_TRACE_PC_EXT);
		if (err == -ENOTSUP)
			err = kcov_rt_enable(area, 2, KCOV_TRACE_PC);
		area[0] = 1;
	}
	return err ? -1 : 0;
}

static void leave_state(const char *state)
{
	if (strcmp(state, "off"))
		kcov_rt_disable();
}

static void run(void (*loop)(unsigned long), const char *state, unsigned long calls)
{
	int recording = !strcmp(state, "classic") || !strcmp(state, "ext");

	while (calls) {
		unsigned long n = calls < CHUNK ? calls : CHUNK;

		loop(n);
		if (recording)
			area[0] = 0;
		calls -= n;
	}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	enum { NH = sizeof(hooks) / sizeof(hooks[0]), NS = 4 };
	static double samples[NH][NS][ROUNDS];
	unsigned long calls = 2000000;

	if (argc == 4) {
		for (size_t h = 0; h < NH; h++) {
			if (strcmp(argv[1], hooks[h].name))
				continue;
			if (enter_state(argv[2]))
				return 3;
			run(hooks[h].loop, argv[2], strtoul(argv[3], NULL, 0));
			leave_state(argv[2]);
			return 0;
		}
		fprintf(stderr, "hook-bench: unknown hook '%s'\n", argv[1]);
		return 2;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: hook-bench [HOOK STATE CALLS]\n");
		return 2;
	}

	/* Interleaved: every pair once per round, medians over the rounds. */
	for (int r = 0; r < ROUNDS; r++) {
		for (size_t h = 0; h < NH; h++) {
			for (size_t s = 0; s < NS; s++) {
				double t0;

				samples[h][s][r] = -1;
				if (enter_state(states[s]))
					continue;
				t0 = now_ns();
				run(hooks[h].loop, states[s], calls);
				samples[h][s][r] = (now_ns() - t0) / calls;
				leave_state(states[s]);
			}
		}
	}
	for (size_t h = 0; h < NH; h++) {
		for (size_t s = 0; s < NS; s++) {
			if (samples[h][s][0] < 0)
				continue;
			qsort(samples[h][s], ROUNDS, sizeof(double), by_value);
			printf("%s %s %.2f\n", hooks[h].name, states[s], samples[h][s][ROUNDS / 2]);
		}
	}
	return 0;
}
