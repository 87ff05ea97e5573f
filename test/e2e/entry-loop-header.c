// Functions whose first block is a loop header: a goto back to the first
// label, and tail recursion that GCC turns into a loop after sancov ran.
// The entry hook must fire once per call, not once per iteration.
// RUN: %e2e -O0 | %FileCheck %s --check-prefix=REPORT-O0
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --check-prefix=CHECK-O0 --input-file %t.trace
// RUN: %e2e -O2 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// Whether -Og removes the tail recursion depends on the compiler (GCC: no,
// clang 15 and later: yes); count_down is entered once either way.
// RUN: %e2e -Og | %FileCheck %s --check-prefix=REPORT-Og
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --check-prefix=CHECK-Og --input-file %t.trace
// REPORT: entries=3 exits=3 {{.*}} mismatches=0
// At -O0 the tail recursion stays a recursion: gcd(1071, 462) is 4 calls.
// REPORT-O0: entries=6 exits=6 {{.*}} mismatches=0
// REPORT-Og: mismatches=0 unmatched-exits=0 open=0
// CHECK-Og:      entry main
// CHECK-Og-NEXT: entry count_down
// CHECK-Og-NEXT: exit count_down
// CHECK-Og-NEXT: entry gcd
// CHECK-O0:      entry main
// CHECK-O0-NEXT: entry count_down
// CHECK-O0-NEXT: exit count_down
// CHECK-O0-NEXT: entry gcd
// CHECK-O0-NEXT: entry gcd
// CHECK-O0-NEXT: entry gcd
// CHECK-O0-NEXT: entry gcd
// CHECK-O0-NEXT: exit gcd
// CHECK-O0-NEXT: exit gcd
// CHECK-O0-NEXT: exit gcd
// CHECK-O0-NEXT: exit gcd
// CHECK-O0-NEXT: exit main
// CHECK-O0-EMPTY:
// CHECK:      entry main
// CHECK-NEXT: entry count_down
// CHECK-NEXT: exit count_down
// CHECK-NEXT: entry gcd
// CHECK-NEXT: exit gcd
// CHECK-NEXT: exit main
// CHECK-EMPTY:
#include <stdio.h>

volatile int sink;

__attribute__((noinline)) int count_down(int n)
{
again:
	sink = n;
	if (n > 0) {
		n--;
		goto again;
	}
	return sink;
}

__attribute__((noinline)) unsigned int gcd(unsigned int a, unsigned int b)
{
	if (!b)
		return a;
	return gcd(b, a % b);
}

int main(void)
{
	int r = count_down(10);

	printf("%d %u\n", r, gcd(1071, 462));
	return 0;
}
