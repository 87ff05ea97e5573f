/*
 * Instrumented code for the stress test: deep recursion with calls at every
 * level (main workload), and a separate pair of functions that signal
 * handlers run, so their records can be told apart. No shared state: every
 * thread takes the same paths, so its records must be the same.
 */
static __thread volatile int stress_sink;

__attribute__((noipa)) int stress_leaf(int x)
{
	if (x & 1)
		return x * 3;
	return x + 1;
}

__attribute__((noipa)) int stress_recurse(int depth)
{
	int r;

	if (depth == 0)
		return stress_leaf(depth);
	r = stress_recurse(depth - 1);
	if (depth & 3)
		r += stress_leaf(depth);
	return r;
}

__attribute__((noipa)) void stress_run(int depth, int rounds)
{
	for (int i = 0; i < rounds; i++)
		stress_sink = stress_recurse(depth);
}

__attribute__((noipa)) int stress_handler_leaf(int x)
{
	return x ^ 0x5a;
}

__attribute__((noipa)) void stress_handler_work(void)
{
	stress_sink = stress_handler_leaf(7);
}
