// Calls in tail position stop being sibcalls, so the trace nests:
// entry outer, entry inner, exit inner, exit outer. The exact sequence of
// events is checked, at -O0 and at the levels where GCC makes sibcalls.
// RUN: %e2e -O0 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// RUN: %e2e -O2 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// RUN: %e2e -O3 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// RUN: %e2e -Os | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// REPORT: kcov_ext-check: entries=5 exits=5 {{.*}} mismatches=0 unmatched-exits=0 open=0 overflows=0
// CHECK:      entry main
// CHECK-NEXT: entry outer
// CHECK-NEXT: entry middle
// CHECK-NEXT: entry inner
// CHECK-NEXT: exit inner
// CHECK-NEXT: exit middle
// CHECK-NEXT: exit outer
// CHECK-NEXT: entry via_pointer
// CHECK-NEXT: exit via_pointer
// CHECK-NEXT: exit main
// CHECK-EMPTY:
#include <stdio.h>

__attribute__((noinline)) int inner(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x * 2;
}

__attribute__((noinline)) int middle(int x)
{
	return inner(x + 1);
}

__attribute__((noinline)) int outer(int x)
{
	return middle(x + 1);
}

int (*volatile hook_target)(int) = outer;

__attribute__((noinline)) int via_pointer(int x)
{
	return x + 1;
}

int main(void)
{
	int v = outer(1);

	hook_target = via_pointer;
	printf("%d\n", v + hook_target(2));
	return 0;
}
