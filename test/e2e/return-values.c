// Return values of every class survive the exit hook, which runs after
// they are computed: structs in memory and in registers, double, __int128,
// _Complex, and values returned from a tail position.
// RUN: %e2e -O0 | %FileCheck %s
// RUN: %e2e -O1 | %FileCheck %s
// RUN: %e2e -O2 | %FileCheck %s
// RUN: %e2e -O3 | %FileCheck %s
// RUN: %e2e -Os | %FileCheck %s
// RUN: %e2e -Og | %FileCheck %s
// RUN: %e2e -O2 -g | %FileCheck %s
// CHECK: kcov_ext-check: entries=[[N:[0-9]+]] exits=[[N]] {{.*}} mismatches=0 unmatched-exits=0 open=0 overflows=0
#include <stdio.h>

struct big { long a[6]; };
struct pair { long x; double y; };

__attribute__((noinline)) static struct big make_big(long seed)
{
	struct big b;

	for (int i = 0; i < 6; i++)
		b.a[i] = seed * (i + 1);
	return b;
}

__attribute__((noinline)) static struct big pass_big(long seed)
{
	return make_big(seed + 1);	/* a tail call returning in memory */
}

__attribute__((noinline)) static struct pair make_pair(long x)
{
	struct pair p = { x * 3, x / 7.0 };

	return p;
}

__attribute__((noinline)) static __int128 wide(__int128 x)
{
	return x * x + 12345;
}

__attribute__((noinline)) static double ratio(double a, double b)
{
	return a / b;
}

__attribute__((noinline)) static double _Complex rotate(double _Complex z)
{
	return z * 1.0i;
}

__attribute__((noinline)) static long double extended(long double x)
{
	return x * 1.5L;
}

/*
 * Arguments read at run time: with constants, compilers compute some of
 * these calls' values at compile time and drop the calls (clang 23 does
 * for make_pair and rotate), and the values never pass an exit hook.
 */
static volatile long seed = 41, hundred = 100;
static volatile double two = 2.0, three = 3.0;

int main(void)
{
	struct big b = pass_big(seed);
	struct pair p = make_pair(hundred);
	__int128 w = wide((__int128)1 << 40);
	double _Complex z = rotate(two + three * 1.0i);

	printf("big %ld %ld %ld\n", b.a[0], b.a[3], b.a[5]);
	printf("pair %ld %.6f\n", p.x, p.y);
	printf("wide %llx %llx\n", (unsigned long long)(w >> 64),
	       (unsigned long long)w);
	printf("ratio %.9f\n", ratio(22.0, 7.0));
	printf("complex %.1f %.1f\n", __real__ z, __imag__ z);
	printf("extended %.3Lf\n", extended(2.5L));
	return 0;
}
