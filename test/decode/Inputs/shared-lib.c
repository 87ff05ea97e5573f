/* A library built with the hooks, linked in (LINKED) or dlopen()ed. */
static volatile int sink;

#ifdef LINKED
__attribute__((noinline)) static void linked_helper(int x)
{
	sink += x;
}

void linked_entry(int x)
{
	linked_helper(x);
}
#else
__attribute__((noinline)) static void plugin_helper(int x)
{
	sink -= x;
}

void plugin_entry(int x)
{
	plugin_helper(x);
}
#endif
