// A longjmp that lands in the outermost of several frames of one function
// (recursion). The records cannot say which of them it landed in; the
// decoder takes the innermost, and when later records show the frames it
// passed over gone too, it says that the calls in between may hang under
// the wrong frame, with exit status 1. The checker knows: each frame's
// stack pointer tells the frame running now from its deeper namesakes.
// RUN: %e2e -O0 | %FileCheck %s --check-prefixes=CHECKER,%cc_family
// RUN: %e2e -O2 | %FileCheck %s --check-prefixes=CHECKER,%cc_family
// CHECKER-NOT: MISMATCH
// CHECKER: mismatches=0 unmatched-exits=0 open=0
// gcc: longjmps=1 throws=0 skipped=4
// clang: longjmps=1 throws=0 skipped=3
//
// RUN: %cc_hooks -O2 -fno-optimize-sibling-calls %s %kcov_rt -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %not %decoder_cli tree %t.area > %t.tree 2> %t.err
// RUN: %FileCheck %s --input-file %t.err
// CHECK: kcov-ext: {{.*}}: 1 longjmp (or exception) landings were ambiguous (in recursion, or just after a call returned), and 3 frames contradict the guess: the calls after such a landing may hang under the wrong frame
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static volatile int sink;

__attribute__((noinline)) static void thrower(void)
{
	longjmp(env, 1);
}

__attribute__((noinline)) static void after_jump(void)
{
	sink = 2;
}

__attribute__((noinline)) static void rec(int n)
{
	if (n == 3 && setjmp(env)) {
		after_jump();
		return;
	}
	if (!n) {
		thrower();
		return;
	}
	rec(n - 1);
	sink = n;
}

int main(void)
{
	rec(3);
	puts("done");
	return 0;
}
