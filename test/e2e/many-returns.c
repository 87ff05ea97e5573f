// A function with many return statements, a switch with a jump table and
// early returns from loops: every path out calls the exit hook.
// RUN: %e2e -O0 | %FileCheck %s
// RUN: %e2e -O1 | %FileCheck %s
// RUN: %e2e -O2 | %FileCheck %s
// RUN: %e2e -O3 | %FileCheck %s
// RUN: %e2e -Os | %FileCheck %s
// RUN: %e2e -Og | %FileCheck %s
// CHECK: kcov_ext-check: entries=[[N:[0-9]+]] exits=[[N]] {{.*}} mismatches=0 unmatched-exits=0 open=0 overflows=0
#include <stdio.h>

__attribute__((noinline)) static int classify(int x)
{
	if (x < -100)
		return -2;
	if (x < 0)
		return -1;
	switch (x % 11) {
	case 0: return 10;
	case 1: return 11;
	case 2: return 12;
	case 3: return x * 3;
	case 4: return 14;
	case 5: return x ^ 5;
	case 6: return 16;
	case 7: return 17;
	default: break;
	}
	for (int i = 0; i < x; i++)
		if (i * i > x)
			return i;
	return 99;
}

int main(void)
{
	long total = 0;

	for (int x = -150; x < 300; x++)
		total += classify(x) * (x & 7);
	printf("total = %ld\n", total);
	return 0;
}
