// SPDX-License-Identifier: GPL-2.0-only
/*
 * stats: record and call counts, and with --top N the functions that
 * flood the area: records in each function itself (its entries, blocks
 * and exits) and in its subtree (every record while a call of it was on
 * the stack; a recursive function's inner calls are counted once).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "kcov-ext.h"

struct open_call {
	uint32_t fn;
	uint64_t start;		/* position of its entry record */
};

static struct {
	struct open_call *stack;
	size_t depth, cap;
} calls;

static void stats_enter(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	struct function *f = cli_fn(cli, fn);

	(void)pc;
	if (!cli->opt.top)
		return;
	if (calls.depth == calls.cap) {
		calls.cap = calls.cap ? 2 * calls.cap : 256;
		calls.stack = xrealloc(calls.stack, calls.cap * sizeof(*calls.stack));
	}
	calls.depth = depth;
	calls.stack[calls.depth].fn = fn;
	calls.stack[calls.depth].start = cli_position(cli);
	calls.depth++;
	f->self++;
	f->open++;
}

/* Close the call at DEPTH after RECORDS records of its subtree. */
static void close_call(struct cli *cli, size_t depth, uint64_t records)
{
	struct function *f = cli_fn(cli, calls.stack[depth].fn);

	if (f->open-- == 1)
		f->subtree += records;
}

static void stats_leave(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth)
{
	uint64_t pos = cli_position(cli);

	if (!cli->opt.top || depth >= calls.depth)
		return;
	/* Its exit is its own record; a resync's record belongs further out. */
	if (exit_pc) {
		cli_fn(cli, fn)->self++;
		pos++;
	}
	close_call(cli, depth, pos - calls.stack[depth].start);
	calls.depth = depth;
}

static void stats_block(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	(void)pc;
	if (!cli->opt.top || !cli->ext)
		return;
	/* Without symbols a block's function is its frame's. */
	if (!cli->syms && depth)
		fn = calls.stack[depth - 1].fn;
	cli_fn(cli, fn)->self++;
}

static int by_self(const void *a, const void *b, void *arg)
{
	const struct function *fns = arg;
	const struct function *x = &fns[*(const uint32_t *)a], *y = &fns[*(const uint32_t *)b];

	if (x->self != y->self)
		return x->self > y->self ? -1 : 1;
	if (x->subtree != y->subtree)
		return x->subtree > y->subtree ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void print_top(struct cli *cli)
{
	uint32_t *order = xcalloc(cli->nfns + 1, sizeof(*order));
	double total = cli->records ? (double)cli->records : 1;

	/* Calls still open at the end: their subtree runs to the end. */
	while (calls.depth) {
		calls.depth--;
		close_call(cli, calls.depth, cli->records - calls.stack[calls.depth].start);
	}
	for (uint32_t i = 0; i < cli->nfns; i++) {
		order[i] = i;
		/* A classic area has no calls: a function is its blocks. */
		if (!cli->ext)
			cli->fns[i].subtree = cli->fns[i].self;
	}
	qsort_r(order, cli->nfns, sizeof(*order), by_self, cli->fns);
	printf("\n%10s %7s %10s %7s %8s  %s\n", "self", "self%", "subtree", "subtree%",
	       "calls", "function");
	for (uint32_t i = 0; i < cli->nfns && i < cli->opt.top; i++) {
		const struct function *f = &cli->fns[order[i]];

		printf("%10llu %6.2f%% %10llu %7.2f%% %8llu  %s\n",
		       (unsigned long long)f->self, 100.0 * f->self / total,
		       (unsigned long long)f->subtree, 100.0 * f->subtree / total,
		       (unsigned long long)(cli->ext ? f->entered : 0), f->name);
	}
	free(order);
	free(calls.stack);
}

static void stats_end(struct cli *cli, const struct kcov_walk_stats *stats)
{
	printf("mode:               %s\n", cli->ext ? "ext" : "classic");
	printf("records:            %llu\n", (unsigned long long)cli->records);
	printf("  entry:            %llu\n", (unsigned long long)stats->entries);
	printf("  exit:             %llu\n", (unsigned long long)stats->exits);
	printf("  normal:           %llu\n", (unsigned long long)stats->normal);
	printf("  unknown type:     %llu\n", (unsigned long long)stats->unknown);
	printf("functions:          %u\n", cli->nfns);	/* entered, or covered */
	printf("max depth:          %u\n", stats->max_depth);
	printf("unmatched exits:    %llu\n", (unsigned long long)stats->unmatched_exits);
	printf("resynced frames:    %llu\n", (unsigned long long)stats->resynced_frames);
	printf("ambiguous landings: %llu\n", (unsigned long long)stats->ambiguous_landings);
	printf("doubtful frames:    %llu\n", (unsigned long long)stats->doubtful_frames);
	printf("stray records:      %llu\n", (unsigned long long)stats->stray);
	printf("open at end:        %llu\n", (unsigned long long)stats->open_at_end);
	printf("truncated:          %s\n", cli->truncated ? "yes" : "no");
	printf("full:               %s\n", cli->full < 0 ? "unknown (no map)" :
					   cli->full ? "yes" : "no");
	if (cli->opt.top)
		print_top(cli);
}

const struct view stats_view = {
	.name = "stats",
	.help = "record and call counts; --top N: who floods the area",
	.enter = stats_enter,
	.leave = stats_leave,
	.block = stats_block,
	.end = stats_end,
};
