// Instrumentation runs after inlining: an inlined helper adds no hooks, so
// each real call has exactly one entry/exit pair. always_inline helpers are
// inlined even at -O0; plain static inline ones only when optimizing.
// RUN: %e2e -O2 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// RUN: %e2e -O0 | %FileCheck %s --check-prefix=REPORT-O0
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --check-prefix=CHECK-O0 --input-file %t.trace
// REPORT: entries=2 exits=2 {{.*}} mismatches=0
// REPORT-O0: entries=4 exits=4 {{.*}} mismatches=0
// CHECK:      entry main
// CHECK-NEXT: entry worker
// CHECK-NEXT: exit worker
// CHECK-NEXT: exit main
// CHECK-EMPTY:
// CHECK-O0:      entry main
// CHECK-O0-NEXT: entry worker
// CHECK-O0-NEXT: entry square
// CHECK-O0-NEXT: exit square
// CHECK-O0-NEXT: entry square
// CHECK-O0-NEXT: exit square
// CHECK-O0-NEXT: exit worker
// CHECK-O0-NEXT: exit main
// CHECK-O0-EMPTY:
#include <stdio.h>

static inline int square(int x)
{
	return x * x;
}

static inline __attribute__((always_inline)) int always(int x)
{
	return x + 7;
}

__attribute__((noinline)) static int worker(int x)
{
	return always(square(x) + square(x + 1));
}

/* Unknown to the compiler: GCC 14 and later would otherwise compute the
 * value of the (pure) worker(3) at compile time and drop the call. */
volatile int three = 3;

int main(void)
{
	printf("%d\n", worker(three));
	return 0;
}
