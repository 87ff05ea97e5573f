/* Instrumented code for the runtime tests: built with the entry/exit hooks. */
volatile int workload_sink;

__attribute__((noinline)) void workload_leaf(void)
{
	workload_sink++;
}

__attribute__((noinline)) void workload_call(void)
{
	workload_leaf();
	/* A second block, for a normal record with trace-pc. */
	if (workload_sink & 1)
		workload_sink += 2;
}

__attribute__((noinline)) void workload_other(void)
{
	workload_sink += 2;
}
