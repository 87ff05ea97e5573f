// The checking runtime, driven by hand-made hook calls (this file is not
// instrumented): a missing exit is a mismatch (status 99) and no longjmp
// excuses it; a real exit at any depth is checked; KCOV_EXT_CHECK_LOG
// takes the report off stderr, one appended report per process.
// RUN: %gcc -O1 %s %shadow_stack -o %t
// RUN: %not %t missing 2>&1 | %FileCheck %s --check-prefix=MISSING
// MISSING: kcov_ext-check: MISMATCH exit in outer closes the entry of inner
// MISSING: mismatches=1 unmatched-exits=0
// RUN: %t deep 2>&1 | %FileCheck %s --check-prefix=DEEP
// DEEP: kcov_ext-check: entries=100002 exits=100002 {{.*}} mismatches=0 unmatched-exits=0 open=0 overflows=0
// DEEP: max-depth=100002
// RUN: %not %t stray 2>&1 | %FileCheck %s --check-prefix=STRAY
// STRAY: mismatches=0 unmatched-exits=1
// RUN: rm -f %t.log
// RUN: env KCOV_EXT_CHECK_LOG=%t.log %t deep 2> %t.err
// RUN: env KCOV_EXT_CHECK_LOG=%t.log %not %t missing 2>> %t.err
// RUN: test ! -s %t.err
// RUN: %FileCheck %s --check-prefix=LOG < %t.log
// LOG: kcov_ext-check: entries=100002 exits=100002
// LOG-NEXT: kcov_ext-check: pid=
// LOG-NEXT: kcov_ext-check: MISMATCH exit in outer closes the entry of inner
// LOG-NEXT: kcov_ext-check: entries=3 exits=2
// LOG-NEXT: kcov_ext-check: pid=
#include <string.h>

void __sanitizer_cov_trace_pc_entry(void);
void __sanitizer_cov_trace_pc_exit(void);

static volatile int sink;

__attribute__((noinline)) static void inner(void)
{
	__sanitizer_cov_trace_pc_entry();
	sink++;
	/* The exit hook is missing here. */
}

__attribute__((noinline)) static void outer(void)
{
	__sanitizer_cov_trace_pc_entry();
	inner();
	sink++;
	__sanitizer_cov_trace_pc_exit();
}

__attribute__((noinline)) static void down(int n)
{
	__sanitizer_cov_trace_pc_entry();
	if (n)
		down(n - 1);
	sink++;
	__sanitizer_cov_trace_pc_exit();
}

__attribute__((noinline)) static void stray(void)
{
	sink++;
	__sanitizer_cov_trace_pc_exit();
}

int main(int argc, char **argv)
{
	__sanitizer_cov_trace_pc_entry();
	if (argc > 1 && !strcmp(argv[1], "missing"))
		outer();
	else if (argc > 1 && !strcmp(argv[1], "deep"))
		down(100000);
	else if (argc > 1 && !strcmp(argv[1], "stray"))
		stray();
	__sanitizer_cov_trace_pc_exit();
	return 0;
}
