// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hooks that misbehave on purpose, so that the tests of csmith-diff can
 * show that each kind of failure is caught. Build with one of:
 *   -DFAULT_OUTPUT    the first exit hook writes to stdout
 *   -DFAULT_CRASH     the first exit hook aborts
 *   -DFAULT_HANG      the first exit hook never returns
 *   -DFAULT_EXIT99    the first exit hook exits 99, as the checker does
 *   -DFAULT_MISMATCH  the program ends with a checker report that names a
 *                     mismatch, but exits 0
 *   -DFAULT_NO_HOOKS  the program ends with a clean report that counts no
 *                     hook call at all
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void __sanitizer_cov_trace_pc(void)
{
}

void __sanitizer_cov_trace_pc_entry(void)
{
}

void __sanitizer_cov_trace_pc_exit(void)
{
	static int done;

	if (done++)
		return;
#if defined(FAULT_OUTPUT)
	printf("spurious output\n");
#elif defined(FAULT_CRASH)
	abort();
#elif defined(FAULT_HANG)
	for (;;)
		pause();
#elif defined(FAULT_EXIT99)
	fprintf(stderr, "kcov_ext-check: MISMATCH exit in f closes the entry of g\n");
	_exit(99);
#endif
}

static void report(void)
{
#if defined(FAULT_MISMATCH)
	fprintf(stderr, "kcov_ext-check: entries=2 exits=2 normal=5 pairs=2 mismatches=1 unmatched-exits=0 open=0 overflows=0\n");
#elif defined(FAULT_NO_HOOKS)
	fprintf(stderr, "kcov_ext-check: entries=0 exits=0 normal=0 pairs=0 mismatches=0 unmatched-exits=0 open=0 overflows=0\n");
#endif
}

__attribute__((constructor)) static void setup(void)
{
	atexit(report);
}
