/* Shared input: branches, loops, calls, several returns. */
int g(int);
volatile int sink;

int branchy(int x)
{
	if (x > 3)
		return g(x) + 1;
	if (x < 0)
		return g(-x);
	for (int i = 0; i < x; i++)
		sink = i;
	return x * 2;
}

void leaf(void)
{
	sink = 1;
}
