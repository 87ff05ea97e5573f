// SPDX-License-Identifier: GPL-2.0-only
/*
 * A checking runtime for programs built with the entry/exit hooks.
 *
 * Keeps a per-thread shadow stack of entry-hook return addresses. Every
 * exit pops the innermost open entry and remembers the (entry, exit) pair;
 * when the program ends, each distinct pair is symbolized and the exit must
 * lie in the same function as the entry it closes. A report goes to stderr:
 *
 *   kcov_ext-check: entries=N exits=N normal=N pairs=N mismatches=0 unmatched-exits=0 open=0 overflows=0
 *
 * and the process exits with status 99 if a check failed (any mismatch,
 * an exit with no open entry, a shadow stack or table overflow).
 *
 * Environment:
 *   KCOV_EXT_CHECK_TRACE=FILE  also write every hook event, symbolized, to
 *                              FILE: "entry NAME" / "exit NAME" per line
 *                              (first thread to call a hook only)
 *   KCOV_EXT_CHECK_NOFAIL=1    report, but keep the program's exit status
 *                              (for tests of documented limitations)
 *
 * This file is not built with the hooks itself; it is linked into tests.
 */
#define _GNU_SOURCE
#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STACK_DEPTH	8192
#define PAIR_SLOTS	(1 << 16)
#define TRACE_EVENTS	(1 << 20)

struct pair {
	uintptr_t entry, exit;
};

struct event {
	uintptr_t pc;
	bool is_exit;
};

static __thread uintptr_t stack[STACK_DEPTH];
static __thread unsigned int depth;
static __thread bool traced_thread;

static unsigned long entries, exits, normal, unmatched_exits, overflows;
static unsigned long open_frames;
static struct pair pairs[PAIR_SLOTS];
static unsigned int pair_count;
static pthread_mutex_t pair_lock = PTHREAD_MUTEX_INITIALIZER;

static struct event *trace;
static unsigned long trace_len;
static pthread_t trace_thread;
static bool trace_thread_set;

static void remember_pair(uintptr_t entry, uintptr_t exit)
{
	unsigned int slot = (unsigned int)((entry * 31 + exit) >> 2) & (PAIR_SLOTS - 1);

	pthread_mutex_lock(&pair_lock);
	for (unsigned int probe = 0; probe < PAIR_SLOTS; probe++) {
		struct pair *p = &pairs[(slot + probe) & (PAIR_SLOTS - 1)];

		if (p->entry == entry && p->exit == exit)
			goto out;
		if (!p->entry) {
			p->entry = entry;
			p->exit = exit;
			pair_count++;
			goto out;
		}
	}
	overflows++;
out:
	pthread_mutex_unlock(&pair_lock);
}

static void record_event(uintptr_t pc, bool is_exit)
{
	if (!trace)
		return;
	if (!traced_thread) {
		pthread_mutex_lock(&pair_lock);
		if (!trace_thread_set) {
			trace_thread = pthread_self();
			trace_thread_set = true;
		}
		pthread_mutex_unlock(&pair_lock);
		if (!pthread_equal(trace_thread, pthread_self()))
			return;
		traced_thread = true;
	}
	if (trace_len < TRACE_EVENTS) {
		trace[trace_len].pc = pc;
		trace[trace_len].is_exit = is_exit;
		trace_len++;
	} else {
		__atomic_add_fetch(&overflows, 1, __ATOMIC_RELAXED);
	}
}

void __sanitizer_cov_trace_pc_entry(void)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	__atomic_add_fetch(&entries, 1, __ATOMIC_RELAXED);
	if (depth < STACK_DEPTH)
		stack[depth] = pc;
	else
		__atomic_add_fetch(&overflows, 1, __ATOMIC_RELAXED);
	depth++;
	record_event(pc, false);
}

void __sanitizer_cov_trace_pc_exit(void)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	__atomic_add_fetch(&exits, 1, __ATOMIC_RELAXED);
	record_event(pc, true);
	if (!depth) {
		__atomic_add_fetch(&unmatched_exits, 1, __ATOMIC_RELAXED);
		return;
	}
	depth--;
	if (depth < STACK_DEPTH)
		remember_pair(stack[depth], pc);
}

void __sanitizer_cov_trace_pc(void)
{
	__atomic_add_fetch(&normal, 1, __ATOMIC_RELAXED);
}

/* Symbolization happens once, at the end, never on the hot path. */
static Dwfl *open_self(void)
{
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
	};
	Dwfl *dwfl = dwfl_begin(&callbacks);

	if (!dwfl || dwfl_linux_proc_report(dwfl, getpid()) ||
	    dwfl_report_end(dwfl, NULL, NULL)) {
		fprintf(stderr, "kcov_ext-check: cannot read own symbols: %s\n",
			dwfl_errmsg(-1));
		exit(99);
	}
	return dwfl;
}

/*
 * The function containing the call whose return address is PC. GCC splits
 * unlikely code into "NAME.cold", which belongs to NAME.
 */
static const char *function_of(Dwfl *dwfl, uintptr_t pc, char *buf, size_t size)
{
	Dwfl_Module *module = dwfl_addrmodule(dwfl, pc - 1);
	const char *name = module ? dwfl_module_addrname(module, pc - 1) : NULL;
	char *cold;

	snprintf(buf, size, "%s", name ? name : "??");
	cold = strstr(buf, ".cold");
	if (cold)
		*cold = '\0';
	return buf;
}

static void write_trace(Dwfl *dwfl, const char *path)
{
	FILE *out = fopen(path, "w");
	char name[512];

	if (!out) {
		fprintf(stderr, "kcov_ext-check: %s: cannot write trace\n", path);
		exit(99);
	}
	for (unsigned long i = 0; i < trace_len; i++)
		fprintf(out, "%s %s\n", trace[i].is_exit ? "exit" : "entry",
			function_of(dwfl, trace[i].pc, name, sizeof(name)));
	fclose(out);
}

static void report(void)
{
	const char *trace_path = getenv("KCOV_EXT_CHECK_TRACE");
	const char *nofail = getenv("KCOV_EXT_CHECK_NOFAIL");
	unsigned long mismatches = 0;
	Dwfl *dwfl = open_self();
	char entry_name[512], exit_name[512];

	for (unsigned int i = 0; i < PAIR_SLOTS; i++) {
		if (!pairs[i].entry)
			continue;
		function_of(dwfl, pairs[i].entry, entry_name, sizeof(entry_name));
		function_of(dwfl, pairs[i].exit, exit_name, sizeof(exit_name));
		if (!strcmp(entry_name, exit_name) && strcmp(entry_name, "??"))
			continue;
		mismatches++;
		fprintf(stderr, "kcov_ext-check: MISMATCH exit in %s closes the entry of %s\n",
			exit_name, entry_name);
	}
	if (trace_path && trace)
		write_trace(dwfl, trace_path);
	dwfl_end(dwfl);

	/* Frames still open on the thread that ends the program: exit() calls. */
	open_frames = depth;
	fprintf(stderr, "kcov_ext-check: entries=%lu exits=%lu normal=%lu pairs=%u mismatches=%lu unmatched-exits=%lu open=%lu overflows=%lu\n",
		entries, exits, normal, pair_count, mismatches, unmatched_exits,
		open_frames, overflows);
	if ((mismatches || unmatched_exits || overflows) && !(nofail && *nofail == '1'))
		_exit(99);
}

__attribute__((constructor)) static void setup(void)
{
	if (getenv("KCOV_EXT_CHECK_TRACE")) {
		trace = calloc(TRACE_EVENTS, sizeof(*trace));
		if (!trace) {
			fprintf(stderr, "kcov_ext-check: out of memory\n");
			exit(99);
		}
	}
	/* Registered first, so it runs after the program's own handlers. */
	atexit(report);
}
