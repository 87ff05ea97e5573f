// SPDX-License-Identifier: GPL-2.0-only
/*
 * A checking runtime for programs built with the entry/exit hooks.
 *
 * Keeps a per-thread shadow stack of the functions entered, of any depth.
 * Every exit must lie in the function of the innermost open entry. The
 * function of a hook's return address is looked up when the hook runs
 * (cached per PC), so a library unloaded later still has its names.
 *
 * longjmp() and a C++ throw leave frames without their exits. The checker
 * wraps longjmp (all its glibc names) and the unwinder's entry points, so
 * it knows when that happens; the next record that shows where execution
 * went (an exit or a block of an outer frame's function) closes the frames
 * above as skipped, not as mismatches. The same closing after no longjmp
 * or throw is a mismatch.
 *
 * At exit it reports, for each process:
 *
 *   kcov_ext-check: entries=N exits=N normal=N pairs=N mismatches=0 unmatched-exits=0 open=0 overflows=0
 *   kcov_ext-check: pid=N longjmps=N throws=N skipped=N max-depth=N
 *
 * (pairs: distinct hook PCs looked up; open: frames still open on the thread
 * that ends the program, as exit() leaves them; overflows: trace events
 * beyond KCOV_EXT_CHECK_TRACE's buffer), one line per distinct mismatch,
 * and exits with status 99 if a check failed (a mismatch, an exit with no
 * open entry of its function, an overflow).
 *
 * Environment:
 *   KCOV_EXT_CHECK_LOG=FILE    append the report to FILE instead of
 *                              writing it to stderr (for suites that
 *                              compare a program's stderr)
 *   KCOV_EXT_CHECK_TRACE=FILE  also write every hook event, symbolized, to
 *                              FILE: "entry NAME" / "exit NAME" per line
 *                              (first thread to call a hook only)
 *   KCOV_EXT_CHECK_NOFAIL=1    report, but keep the program's exit status
 *                              (for tests of documented limitations)
 *
 * This file is not built with the hooks itself; it is linked into tests.
 * It is not async-signal-safe: a hook in a signal handler that interrupts
 * the checker itself could deadlock (none of the tests does that).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#include "kcov_cold.h"

#define PC_SLOTS	(1 << 20)	/* distinct hook PCs, process-wide */
#define LOCAL_SLOTS	4096		/* per-thread cache in front of them */
#define MISMATCH_SLOTS	64		/* distinct mismatches reported */
#define TRACE_EVENTS	(1 << 20)

/* A function: its name, GCC's ".cold" cut off, and its object's start. */
struct function {
	char *name;
	struct function *next;
};

struct pc_slot {
	uintptr_t pc;
	const struct function *fn;
};

struct local_slot {
	uintptr_t pc;
	const struct function *fn;
	unsigned long generation;
};

struct frame {
	uintptr_t pc;
	uintptr_t sp;	/* the stack pointer at its entry hook's call */
	const struct function *fn;
};

struct event {
	const struct function *fn;
	bool is_exit;
};

struct mismatch {
	const struct function *exit, *entry;
};

static __thread struct frame *stack;
static __thread size_t depth, capacity;
/* A longjmp or throw happened: frames at or above the floor may be gone. */
static __thread bool pending;
static __thread size_t floor_depth;
static __thread struct local_slot local[LOCAL_SLOTS];
static __thread bool traced_thread;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long entries, exits, normal, unmatched_exits, overflows;
static unsigned long mismatches, longjmps, throws, skipped, max_depth;
static unsigned long pairs;
static struct pc_slot *pcs;
static struct function *functions;
static unsigned long generation = 1;	/* bumped when objects unload */
static Dwfl *dwfl;
static struct mismatch mismatch_list[MISMATCH_SLOTS];
static unsigned int nmismatch_list;

static struct event *trace;
static unsigned long trace_len;
static pthread_t trace_thread;
static bool trace_thread_set;

static void die(const char *what)
{
	fprintf(stderr, "kcov_ext-check: %s\n", what);
	_exit(99);
}

/* Report the process's objects to elfutils; the lock is held. */
static void report_objects(void)
{
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
	};

	if (!dwfl)
		dwfl = dwfl_begin(&callbacks);
	if (!dwfl)
		die("out of memory");
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, getpid()) || dwfl_report_end(dwfl, NULL, NULL))
		die("cannot read own objects");
}

static const struct function *intern(const char *name)
{
	struct function *f;

	for (f = functions; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	f = malloc(sizeof(*f));
	if (!f || !(f->name = strdup(name)))
		die("out of memory");
	f->next = functions;
	functions = f;
	return f;
}

struct module_at {
	Dwarf_Addr start;
	Dwfl_Module *module;
};

static int find_module_at(Dwfl_Module *module, void **userdata, const char *name,
			  Dwarf_Addr start, void *arg)
{
	struct module_at *want = arg;

	(void)userdata;
	(void)name;
	if (start != want->start)
		return DWARF_CB_OK;
	want->module = module;
	return DWARF_CB_ABORT;
}

/*
 * The module of the object that holds PC. elfutils gives each module the
 * span from its first segment to its last, and an object that dlopen()
 * maps into a gap between another's segments lies in that span too: ask
 * the dynamic linker which object it is, and take the module that starts
 * where that object does.
 */
static Dwfl_Module *module_of(uintptr_t pc)
{
	Dwfl_Module *module = dwfl_addrmodule(dwfl, pc);
	struct module_at want = { 0, NULL };
	Dl_info info;

	if (!dladdr((void *)pc, &info) || !info.dli_fbase)
		return module;
	want.start = (Dwarf_Addr)(uintptr_t)info.dli_fbase;
	if (module) {
		Dwarf_Addr start;

		dwfl_module_info(module, NULL, &start, NULL, NULL, NULL, NULL, NULL);
		if (start == want.start)
			return module;
	}
	/* None (NULL): loaded since the objects were last reported. */
	dwfl_getmodules(dwfl, find_module_at, &want, 0);
	return want.module;
}

/*
 * The function containing the call whose return address is PC, as
 * "NAME@START", START the object's (static functions of two objects
 * differ); the lock is held.
 */
static const struct function *symbolize(uintptr_t pc)
{
	Dwfl_Module *module = module_of(pc - 1);
	const char *name = NULL;
	Dwarf_Addr start = 0;
	char buf[1024];
	size_t len;

	if (!module) {
		/* Loaded since the last look: look again. */
		report_objects();
		module = module_of(pc - 1);
	}
	if (module) {
		name = dwfl_module_addrname(module, pc - 1);
		dwfl_module_info(module, NULL, &start, NULL, NULL, NULL, NULL, NULL);
	}
	snprintf(buf, sizeof(buf), "%s", name ? name : "??");
	len = kcov_cold_base_len(buf);
	if (len)
		buf[len] = '\0';
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "@%llx",
		 (unsigned long long)start);
	return intern(buf);
}

static const struct function *function_of(uintptr_t pc)
{
	struct local_slot *l = &local[(pc >> 1) & (LOCAL_SLOTS - 1)];
	unsigned long gen = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
	const struct function *fn;
	size_t i;

	if (l->pc == pc && l->generation == gen)
		return l->fn;
	pthread_mutex_lock(&lock);
	if (!pcs) {
		pcs = calloc(PC_SLOTS, sizeof(*pcs));
		if (!pcs)
			die("out of memory");
		report_objects();
	}
	for (i = (pc * 0x9e3779b97f4a7c15ULL) >> 44;; i = (i + 1) & (PC_SLOTS - 1)) {
		if (pcs[i].pc == pc) {
			fn = pcs[i].fn;
			break;
		}
		if (!pcs[i].pc) {
			if (pairs + 1 >= PC_SLOTS / 2)
				die("too many distinct hook PCs");
			fn = symbolize(pc);
			pcs[i].pc = pc;
			pcs[i].fn = fn;
			pairs++;
			break;
		}
	}
	gen = generation;
	pthread_mutex_unlock(&lock);
	l->pc = pc;
	l->fn = fn;
	l->generation = gen;
	return fn;
}

static const char *name_of(const struct function *fn, char *buf, size_t size)
{
	const char *at = strrchr(fn->name, '@');

	snprintf(buf, size, "%.*s", (int)(at ? at - fn->name : (long)strlen(fn->name)),
		 fn->name);
	return buf;
}

static void record_event(const struct function *fn, bool is_exit)
{
	if (!trace)
		return;
	if (!traced_thread) {
		pthread_mutex_lock(&lock);
		if (!trace_thread_set) {
			trace_thread = pthread_self();
			trace_thread_set = true;
		}
		pthread_mutex_unlock(&lock);
		if (!pthread_equal(trace_thread, pthread_self()))
			return;
		traced_thread = true;
	}
	if (trace_len < TRACE_EVENTS) {
		trace[trace_len].fn = fn;
		trace[trace_len].is_exit = is_exit;
		trace_len++;
	} else {
		__atomic_add_fetch(&overflows, 1, __ATOMIC_RELAXED);
	}
}

static void note_mismatch(const struct function *exit, const struct function *entry)
{
	pthread_mutex_lock(&lock);
	mismatches++;
	for (unsigned int i = 0; i < nmismatch_list; i++)
		if (mismatch_list[i].exit == exit && mismatch_list[i].entry == entry)
			goto out;
	if (nmismatch_list < MISMATCH_SLOTS) {
		mismatch_list[nmismatch_list].exit = exit;
		mismatch_list[nmismatch_list].entry = entry;
		nmismatch_list++;
	}
out:
	pthread_mutex_unlock(&lock);
}

/*
 * The stack pointer at the call of the hook that calls this: the hook's
 * frame address is below the return address and the saved frame pointer.
 */
#define CALLER_SP() ((uintptr_t)__builtin_frame_address(0) + 2 * sizeof(void *))

/*
 * The innermost open frame of FN, or -1. While a longjmp or throw is
 * pending, a frame entered with a stack pointer below SP (the caller's at
 * this hook) is deeper than the code running now, so gone: in recursion
 * that tells the frame landed in from its deeper namesakes.
 */
static long innermost_of(const struct function *fn, uintptr_t sp)
{
	long deeper = -1;

	for (size_t i = depth; i > 0; i--) {
		if (stack[i - 1].fn != fn)
			continue;
		if (!pending || stack[i - 1].sp >= sp)
			return (long)(i - 1);
		if (deeper < 0)
			deeper = (long)(i - 1);
	}
	return deeper;
}

/*
 * Execution is in frame J: the frames above it are gone. After a longjmp
 * or a throw they were skipped; otherwise their exits are missing.
 */
static void resync(size_t j, const struct function *fn)
{
	size_t gone = depth - 1 - j;

	if (pending) {
		__atomic_add_fetch(&skipped, gone, __ATOMIC_RELAXED);
	} else {
		for (size_t i = j + 1; i < depth; i++)
			note_mismatch(fn, stack[i].fn);
	}
	depth = j + 1;
}

void __sanitizer_cov_trace_pc_entry(void)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	const struct function *fn = function_of(pc);

	__atomic_add_fetch(&entries, 1, __ATOMIC_RELAXED);
	if (depth == capacity) {
		capacity = capacity ? 2 * capacity : 1024;
		stack = realloc(stack, capacity * sizeof(*stack));
		if (!stack)
			die("out of memory");
	}
	stack[depth].pc = pc;
	stack[depth].sp = CALLER_SP();
	stack[depth].fn = fn;
	depth++;
	if (depth > __atomic_load_n(&max_depth, __ATOMIC_RELAXED))
		__atomic_store_n(&max_depth, depth, __ATOMIC_RELAXED);
	record_event(fn, false);
}

void __sanitizer_cov_trace_pc_exit(void)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	const struct function *fn = function_of(pc);
	long j;

	__atomic_add_fetch(&exits, 1, __ATOMIC_RELAXED);
	record_event(fn, true);
	j = innermost_of(fn, CALLER_SP());
	if (j < 0) {
		__atomic_add_fetch(&unmatched_exits, 1, __ATOMIC_RELAXED);
		return;
	}
	if ((size_t)j + 1 < depth)
		resync(j, fn);
	/* A frame that was open at the longjmp runs: it is the landing. */
	if ((size_t)j < floor_depth)
		pending = false;
	depth = j;
}

void __sanitizer_cov_trace_pc(void)
{
	const struct function *fn;
	long j;

	__atomic_add_fetch(&normal, 1, __ATOMIC_RELAXED);
	/* Blocks are only looked at to find where a longjmp landed. */
	if (!pending || !depth)
		return;
	fn = function_of((uintptr_t)__builtin_return_address(0));
	j = innermost_of(fn, CALLER_SP());
	if (j < 0)
		return;
	if ((size_t)j + 1 < depth)
		resync(j, fn);
	if ((size_t)j < floor_depth)
		pending = false;
}

/* Frames may be left without their exits from here on. */
static void leaving_frames(unsigned long *counter)
{
	__atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
	if (!pending || depth < floor_depth)
		floor_depth = depth;
	pending = true;
}

static void *real(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (!fn) {
		fprintf(stderr, "kcov_ext-check: no %s to wrap\n", name);
		_exit(99);
	}
	return fn;
}

typedef void (*longjmp_fn)(struct __jmp_buf_tag *, int);

static __attribute__((noreturn)) void jump(longjmp_fn *real_fn, const char *name, struct __jmp_buf_tag *env, int val)
{
	if (!*real_fn)
		*real_fn = (longjmp_fn)real(name);
	leaving_frames(&longjmps);
	(*real_fn)(env, val);
	__builtin_unreachable();
}

void longjmp(struct __jmp_buf_tag env[1], int val)
{
	static longjmp_fn real_fn;

	jump(&real_fn, "longjmp", env, val);
}

void _longjmp(struct __jmp_buf_tag env[1], int val)
{
	static longjmp_fn real_fn;

	jump(&real_fn, "_longjmp", env, val);
}

void siglongjmp(struct __jmp_buf_tag env[1], int val)
{
	static longjmp_fn real_fn;

	jump(&real_fn, "siglongjmp", env, val);
}

/* What longjmp() becomes with _FORTIFY_SOURCE. */
void __longjmp_chk(struct __jmp_buf_tag env[1], int val);
void __longjmp_chk(struct __jmp_buf_tag env[1], int val)
{
	static longjmp_fn real_fn;

	jump(&real_fn, "__longjmp_chk", env, val);
}

/* A throw (or rethrow) starts unwinding; a cleanup's end resumes it. */
_Unwind_Reason_Code _Unwind_RaiseException(struct _Unwind_Exception *e)
{
	static _Unwind_Reason_Code (*real_fn)(struct _Unwind_Exception *);

	if (!real_fn)
		real_fn = (_Unwind_Reason_Code (*)(struct _Unwind_Exception *))
			  real("_Unwind_RaiseException");
	leaving_frames(&throws);
	return real_fn(e);
}

_Unwind_Reason_Code _Unwind_Resume_or_Rethrow(struct _Unwind_Exception *e)
{
	static _Unwind_Reason_Code (*real_fn)(struct _Unwind_Exception *);

	if (!real_fn)
		real_fn = (_Unwind_Reason_Code (*)(struct _Unwind_Exception *))
			  real("_Unwind_Resume_or_Rethrow");
	leaving_frames(&throws);
	return real_fn(e);
}

void _Unwind_Resume(struct _Unwind_Exception *e)
{
	static void (*real_fn)(struct _Unwind_Exception *);

	if (!real_fn)
		real_fn = (void (*)(struct _Unwind_Exception *))real("_Unwind_Resume");
	leaving_frames(&throws);
	real_fn(e);
	__builtin_unreachable();
}

/* Unloading an object frees its PCs for another: forget them. */
int dlclose(void *handle)
{
	static int (*real_fn)(void *);
	int ret;

	if (!real_fn)
		real_fn = (int (*)(void *))real("dlclose");
	ret = real_fn(handle);
	pthread_mutex_lock(&lock);
	if (pcs) {
		memset(pcs, 0, PC_SLOTS * sizeof(*pcs));
		pairs = 0;
		report_objects();
	}
	__atomic_add_fetch(&generation, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	return ret;
}

static void write_trace(const char *path)
{
	FILE *out = fopen(path, "w");
	char name[1024];

	if (!out)
		die("cannot write the trace");
	for (unsigned long i = 0; i < trace_len; i++)
		fprintf(out, "%s %s\n", trace[i].is_exit ? "exit" : "entry",
			name_of(trace[i].fn, name, sizeof(name)));
	fclose(out);
}

static void report(void)
{
	const char *trace_path = getenv("KCOV_EXT_CHECK_TRACE");
	const char *nofail = getenv("KCOV_EXT_CHECK_NOFAIL");
	const char *log = getenv("KCOV_EXT_CHECK_LOG");
	char *text = NULL, exit_name[1024], entry_name[1024];
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	bool failed;

	if (!out)
		die("out of memory");
	pthread_mutex_lock(&lock);
	for (unsigned int i = 0; i < nmismatch_list; i++)
		fprintf(out, "kcov_ext-check: MISMATCH exit in %s closes the entry of %s\n",
			name_of(mismatch_list[i].exit, exit_name, sizeof(exit_name)),
			name_of(mismatch_list[i].entry, entry_name, sizeof(entry_name)));
	/* Frames still open on the thread that ends the program: exit() calls. */
	fprintf(out, "kcov_ext-check: entries=%lu exits=%lu normal=%lu pairs=%lu mismatches=%lu unmatched-exits=%lu open=%zu overflows=%lu\n",
		entries, exits, normal, pairs, mismatches, unmatched_exits, depth, overflows);
	fprintf(out, "kcov_ext-check: pid=%d longjmps=%lu throws=%lu skipped=%lu max-depth=%lu\n",
		(int)getpid(), longjmps, throws, skipped, max_depth);
	failed = mismatches || unmatched_exits || overflows;
	pthread_mutex_unlock(&lock);
	if (fclose(out))
		die("out of memory");
	if (trace_path && trace)
		write_trace(trace_path);

	if (log && *log) {
		/* One write per report: processes appending to one log interleave whole reports. */
		int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

		if (fd < 0 || write(fd, text, size) != (ssize_t)size) {
			fprintf(stderr, "kcov_ext-check: %s: cannot append the report\n", log);
			_exit(99);
		}
		close(fd);
	} else {
		fputs(text, stderr);
	}
	free(text);
	if (failed && !(nofail && *nofail == '1'))
		_exit(99);
}

/* A fork() while another thread holds the lock must not leave it held. */
static void fork_prepare(void)
{
	pthread_mutex_lock(&lock);
}

static void fork_done(void)
{
	pthread_mutex_unlock(&lock);
}

__attribute__((constructor)) static void setup(void)
{
	pthread_atfork(fork_prepare, fork_done, fork_done);
	if (getenv("KCOV_EXT_CHECK_TRACE")) {
		trace = calloc(TRACE_EVENTS, sizeof(*trace));
		if (!trace)
			die("out of memory");
	}
	/* Registered first, so it runs after the program's own handlers. */
	atexit(report);
}
