/* Shared input of no-sanitize-coverage*.c */
volatile int sink;

__attribute__((no_sanitize_coverage)) int skipped(int x)
{
	if (x)
		sink = x;
	return x;
}

__attribute__((no_sanitize_coverage, section(".noinstr.text"), noinline))
int noinstr_like(int x)
{
	if (x)
		sink = x;
	return x;
}

__attribute__((section(".text.section_only"))) int section_only(int x)
{
	if (x)
		sink = x;
	return x;
}
