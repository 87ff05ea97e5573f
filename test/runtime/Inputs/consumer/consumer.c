// SPDX-License-Identifier: GPL-2.0-only
/*
 * A program of a fuzzer's kind built against an installed libkcov-ext:
 * walks an area's calls with their call stack, then prints how many
 * distinct context-sensitive signals it has with K call sites.
 *
 * Usage: consumer AREA K
 */
#include <stdio.h>
#include <stdlib.h>

#include <kcov_ext.h>

static struct kcov_walk *walk;

static void enter(void *ctx, uint64_t pc, unsigned int depth)
{
	const struct kcov_frame *stack;
	size_t n;

	(void)ctx;
	stack = kcov_walk_stack(walk, &n);
	printf("record %llu: call of 0x%llx at depth %u from",
	       (unsigned long long)kcov_walk_position(walk), (unsigned long long)pc, depth);
	for (size_t i = n; i-- > 0;)
		printf(" 0x%llx", (unsigned long long)stack[i].pc);
	printf("\n");
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const struct kcov_walk_ops ops = { .enter = enter };
	struct kcov_walk_stats stats;
	struct kcov_signal *signal;
	struct kcov_area area;
	const uint64_t *records;
	uint64_t *out;
	size_t distinct = 0;
	long n;

	if (argc != 3 || kcov_area_open(&area, argv[1]) != KCOV_AREA_OK) {
		fprintf(stderr, "usage: consumer AREA K\n");
		return 2;
	}
	printf("libkcov-ext %s\n", kcov_ext_version());
	walk = kcov_walk_new(&ops, NULL);
	signal = kcov_signal_new(atoi(argv[2]));
	out = calloc(area.records + 1, sizeof(*out));
	if (!walk || !signal || !out)
		return 2;
	while ((n = kcov_area_read(&area, &records)) > 0)
		if (kcov_walk_records(walk, records, n))
			return 2;
	kcov_walk_stats(walk, &stats);
	printf("entries %llu, exits %llu, blocks %llu, max depth %u\n",
	       (unsigned long long)stats.entries, (unsigned long long)stats.exits,
	       (unsigned long long)stats.normal, stats.max_depth);

	kcov_area_rewind(&area);
	for (size_t done = 0; (n = kcov_area_read(&area, &records)) > 0; done += n)
		if (kcov_signal_records(signal, records, n, out + done) != n)
			return 2;
	qsort(out, area.records, sizeof(*out), by_value);
	for (size_t i = 0; i < area.records; i++)
		distinct += !i || out[i] != out[i - 1];
	printf("signal, K = %s: %zu distinct of %llu records\n", argv[2], distinct,
	       (unsigned long long)area.records);
	kcov_signal_free(signal);
	kcov_walk_free(walk);
	kcov_area_close(&area);
	free(out);
	return 0;
}
