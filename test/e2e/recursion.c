// Direct and mutual recursion, including tail recursion that GCC turns
// into a loop: every real call has one entry and one exit, and every exit
// closes the entry of its own function.
// RUN: %e2e -O0 | %FileCheck %s
// RUN: %e2e -O1 | %FileCheck %s
// RUN: %e2e -O2 | %FileCheck %s
// RUN: %e2e -O3 | %FileCheck %s
// RUN: %e2e -Os | %FileCheck %s
// RUN: %e2e -Og | %FileCheck %s
// CHECK: kcov_ext-check: entries=[[N:[0-9]+]] exits=[[N]] normal={{[1-9][0-9]*}} pairs={{[0-9]+}} mismatches=0 unmatched-exits=0 open=0 overflows=0
#include <stdio.h>

__attribute__((noinline)) static unsigned long fib(unsigned int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) unsigned long sum_to(unsigned long n, unsigned long acc)
{
	if (!n)
		return acc;
	return sum_to(n - 1, acc + n);
}

static int is_odd(unsigned int n);

__attribute__((noinline)) static int is_even(unsigned int n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

__attribute__((noinline)) static int is_odd(unsigned int n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

int main(void)
{
	printf("fib(20) = %lu\n", fib(20));
	printf("sum_to(1000) = %lu\n", sum_to(1000, 0));
	printf("is_even(101) = %d\n", is_even(101));
	return 0;
}
