// longjmp out of nested frames: the frames it skips never report an exit.
// The decoder closes them where the next record of main shows execution
// back in main, so the call made after the landing hangs under main, and
// says how many it closed (exit status 0); the checker sees the longjmp
// (it wraps it) and counts the frames as skipped, not as mismatches.
// RUN: %e2e -O0 | %FileCheck %s --check-prefix=CHECKER
// RUN: %e2e -O2 | %FileCheck %s --check-prefix=CHECKER
// CHECKER-NOT: MISMATCH
// CHECKER: mismatches=0 unmatched-exits=0 open=0
// CHECKER: longjmps=1 throws=0 skipped=2
//
// RUN: %cc_hooks -O2 %s %kcov_rt -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %decoder_cli tree %t.area > %t.tree 2> %t.err
// RUN: %FileCheck %s --input-file %t.tree --match-full-lines --strict-whitespace
// RUN: %FileCheck %s --input-file %t.err --check-prefix=NOTE
// RUN: %decoder_cli folded %t.area 2>/dev/null | %FileCheck %s --check-prefix=FOLDED
// RUN: %decoder_cli stats %t.area 2>/dev/null | %FileCheck %s --check-prefix=STATS
// CHECK:main
// CHECK-NEXT:  deep1
// CHECK-NEXT:    deep2
// CHECK-NEXT:  after_jump
// CHECK-EMPTY:
// NOTE: kcov-ext: {{.*}}: 2 frames left without an exit (longjmp or exceptions) were closed where later records showed them gone
// FOLDED-NOT: deep2;after_jump
// FOLDED: main;after_jump 1
// STATS: resynced frames: 2
// STATS: stray records: 0
// STATS: open at end: 0
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static volatile int sink;

__attribute__((noinline)) static void deep2(int x)
{
	sink = x;
	if (x)
		longjmp(env, x);
	sink = 0;
}

__attribute__((noinline)) static void deep1(int x)
{
	deep2(x + 1);
	sink = 1;
}

__attribute__((noinline)) static void after_jump(void)
{
	sink = 2;
}

int main(void)
{
	if (setjmp(env)) {
		after_jump();
		puts("landed");
		return 0;
	}
	deep1(sink);
	return 1;
}
