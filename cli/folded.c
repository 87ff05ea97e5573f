// SPDX-License-Identifier: GPL-2.0-only
/*
 * folded: "outer;inner count" stacks for flame graphs, where count is the
 * number of records made in that stack's innermost frame: its entry and
 * its blocks (exits are not counted). The stacks are a trie of (parent, function), so
 * memory grows with the distinct stacks, not with the area.
 */
#include <stdlib.h>

#include "kcov-ext.h"

static uint32_t child(struct folded *f, uint32_t parent, uint32_t fn)
{
	size_t i;

	if (!f->index) {
		f->mask = 4095;
		f->index = xcalloc(f->mask + 1, sizeof(*f->index));
	}
	i = mix64((uint64_t)parent << 32 | fn) & f->mask;
	for (; f->index[i]; i = (i + 1) & f->mask) {
		struct folded_node *n = &f->nodes[f->index[i] - 1];

		if (n->parent == parent && n->fn == fn)
			return f->index[i] - 1;
	}
	if (f->nnodes == f->nodes_cap) {
		f->nodes_cap = f->nodes_cap ? 2 * f->nodes_cap : 1024;
		f->nodes = xrealloc(f->nodes, f->nodes_cap * sizeof(*f->nodes));
	}
	f->nodes[f->nnodes] = (struct folded_node){ parent, fn, 0 };
	f->index[i] = ++f->nnodes;
	if ((size_t)f->nnodes * 2 > f->mask) {
		size_t mask = f->mask * 2 + 1;
		uint32_t *index = xcalloc(mask + 1, sizeof(*index));

		for (uint32_t id = 1; id <= f->nnodes; id++) {
			const struct folded_node *n = &f->nodes[id - 1];
			size_t j = mix64((uint64_t)n->parent << 32 | n->fn) & mask;

			while (index[j])
				j = (j + 1) & mask;
			index[j] = id;
		}
		free(f->index);
		f->index = index;
		f->mask = mask;
	}
	return f->nnodes - 1;
}

void folded_enter(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	struct folded *f = &cli->folded;
	uint32_t parent = f->depth ? f->stack[f->depth - 1] + 1 : 0;
	uint32_t node = child(f, parent, fn);

	(void)pc;
	(void)depth;
	if (f->depth == f->stack_cap) {
		f->stack_cap = f->stack_cap ? 2 * f->stack_cap : 256;
		f->stack = xrealloc(f->stack, f->stack_cap * sizeof(*f->stack));
	}
	f->nodes[node].count++;
	f->stack[f->depth++] = node;
}

void folded_leave(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth)
{
	struct folded *f = &cli->folded;

	(void)fn;
	(void)exit_pc;
	if (f->depth > depth)
		f->depth = depth;
}

void folded_block(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	struct folded *f = &cli->folded;

	(void)pc;
	(void)depth;
	if (f->depth) {
		f->nodes[f->stack[f->depth - 1]].count++;
	} else {
		/* A block outside any recorded call: its function is the root. */
		f->nodes[child(f, 0, fn)].count++;
	}
}

void folded_free(struct folded *f)
{
	free(f->nodes);
	free(f->index);
	free(f->stack);
}

static void folded_end(struct cli *cli, const struct kcov_walk_stats *stats)
{
	const struct folded *f = &cli->folded;
	uint32_t *path = NULL, cap = 0;

	(void)stats;
	for (uint32_t n = 0; n < f->nnodes; n++) {
		uint32_t len = 0;

		if (!f->nodes[n].count)
			continue;
		/* The stack from the leaf up, printed from the root down. */
		for (uint32_t i = n + 1; i; i = f->nodes[i - 1].parent) {
			if (len == cap) {
				cap = cap ? 2 * cap : 256;
				path = xrealloc(path, cap * sizeof(*path));
			}
			path[len++] = i - 1;
		}
		while (len--)
			printf("%s%s", cli_fn(cli, f->nodes[path[len]].fn)->name, len ? ";" : "");
		printf(" %llu\n", (unsigned long long)f->nodes[n].count);
	}
	free(path);
}

const struct view folded_view = {
	.name = "folded",
	.help = "\"outer;inner count\" stacks for flame graphs (count: records made there)",
	.enter = folded_enter,
	.leave = folded_leave,
	.block = folded_block,
	.end = folded_end,
};
