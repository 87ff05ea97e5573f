// Calls through function pointers, including indirect tail calls, and a
// callback invoked by libc (qsort): exits still nest inside their entries.
// RUN: %e2e -O0 | %FileCheck %s
// RUN: %e2e -O2 | %FileCheck %s
// RUN: %e2e -O3 | %FileCheck %s
// RUN: %e2e -Os | %FileCheck %s
// CHECK: kcov_ext-check: entries=[[N:[0-9]+]] exits=[[N]] {{.*}} mismatches=0 unmatched-exits=0 open=0 overflows=0
#include <stdio.h>
#include <stdlib.h>

typedef int (*op_fn)(int, int);

__attribute__((noinline)) static int add(int a, int b) { return a + b; }
__attribute__((noinline)) static int mul(int a, int b) { return a * b; }
__attribute__((noinline)) static int sub(int a, int b) { return a - b; }

static op_fn volatile ops[] = { add, mul, sub };

/* A tail call through a pointer: must not become "jmp *%rax". */
__attribute__((noinline)) static int apply(unsigned int i, int a, int b)
{
	return ops[i % 3](a, b);
}

static int compare(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	int values[] = { 5, 3, 9, 1, 7 };
	int acc = 1;

	for (unsigned int i = 0; i < 30; i++)
		acc = apply(i, acc, (int)i) & 0xffff;
	qsort(values, 5, sizeof(values[0]), compare);
	printf("acc = %d, sorted = %d %d %d %d %d\n", acc, values[0],
	       values[1], values[2], values[3], values[4]);
	return 0;
}
