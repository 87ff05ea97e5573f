/*
 * The program every cell of the option matrix builds: several returns, a
 * loop, a switch, recursion, calls through a pointer, a tail call, a
 * cleanup that -fexceptions turns into an unwind region, variadic calls.
 * Prints the same lines however it is built.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int sink;

__attribute__((noinline)) static int classify(int x)
{
	if (x < 0)
		return -1;
	if (x == 0)
		return 0;
	switch (x % 4) {
	case 1:
		return 10;
	case 2:
		sink = x;
		break;
	default:
		return 30 + x;
	}
	return 20;
}

__attribute__((noinline)) static unsigned long fib(unsigned int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static int sum(int count, ...)
{
	va_list ap;
	int total = 0;

	va_start(ap, count);
	while (count--)
		total += va_arg(ap, int);
	va_end(ap);
	return total;
}

__attribute__((noinline)) static int twice(int x)
{
	return x * 2;
}

/* A call in tail position: the plugin keeps it a call. */
__attribute__((noinline)) static int tail(int x)
{
	sink = x;
	return twice(x + 1);
}

static void release(int **p)
{
	free(*p);
}

__attribute__((noinline)) static int with_cleanup(int n)
{
	int *buf __attribute__((cleanup(release))) = malloc(sizeof(int) * 4);

	if (!buf)
		return -1;
	for (int i = 0; i < 4; i++)
		buf[i] = i * n;
	return buf[3];
}

int main(void)
{
	int (*ops[])(int) = { classify, twice, tail, with_cleanup };

	for (int i = -1; i < 6; i++)
		printf("classify(%d) = %d\n", i, classify(i));
	printf("fib(15) = %lu\n", fib(15));
	printf("sum = %d\n", sum(4, 1, 2, 3, 4));
	for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		printf("ops[%u](7) = %d\n", i, ops[i](7));
	return 0;
}
