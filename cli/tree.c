// SPDX-License-Identifier: GPL-2.0-only
/*
 * tree: one line per call, indented by depth. A classic area has no
 * calls: its tree is each covered function once, in order of coverage.
 *
 * --focus prints only the subtrees rooted at calls of the functions named
 * (indented from there), --prune leaves subtrees out, --depth cuts the
 * tree N levels below its roots, and --split heads each top-level tree
 * ("# 3: __x64_sys_read"), one per syscall in a kernel area.
 */
#include "kcov-ext.h"

struct tree {
	long focus_depth;	/* depth of the --focus call we are in, or -1 */
	long prune_depth;	/* depth of the --prune call we are in, or -1 */
	uint64_t trees;
};

static struct tree tree;

static void tree_begin(struct cli *cli)
{
	(void)cli;
	tree.focus_depth = -1;
	tree.prune_depth = -1;
}

static void print_call(struct cli *cli, uint32_t fn, unsigned int depth)
{
	if (!depth && cli->opt.split)
		printf("%s# %llu: %s\n", tree.trees ? "\n" : "",
		       (unsigned long long)tree.trees + 1, cli_fn(cli, fn)->name);
	if (!depth)
		tree.trees++;
	printf("%*s%s\n", (int)(2 * depth), "", cli_fn(cli, fn)->name);
}

static void tree_enter(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth)
{
	const struct function *f = cli_fn(cli, fn);
	unsigned int base = 0;

	(void)pc;
	if (tree.prune_depth >= 0)
		return;
	if (f->prune) {
		tree.prune_depth = depth;
		return;
	}
	if (cli->opt.nfocus) {
		if (tree.focus_depth < 0 && !f->focus)
			return;
		if (tree.focus_depth < 0)
			tree.focus_depth = depth;
		base = tree.focus_depth;
	}
	if (cli->opt.depth >= 0 && depth - base >= (unsigned int)cli->opt.depth)
		return;
	print_call(cli, fn, depth - base);
}

static void tree_leave(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth)
{
	(void)cli;
	(void)fn;
	(void)exit_pc;
	if (tree.prune_depth == depth)
		tree.prune_depth = -1;
	if (tree.focus_depth == depth)
		tree.focus_depth = -1;
}

/* Classic areas: each covered function once, in order of coverage. */
static void tree_covered(struct cli *cli, uint32_t fn, uint64_t pc)
{
	const struct function *f = cli_fn(cli, fn);

	(void)pc;
	if (f->entered || f->prune)
		return;
	if (cli->opt.nfocus && !f->focus)
		return;
	if (cli->opt.depth == 0)
		return;
	print_call(cli, fn, 0);
}

const struct view tree_view = {
	.name = "tree",
	.help = "one line per call, indented by depth",
	.begin = tree_begin,
	.enter = tree_enter,
	.leave = tree_leave,
	.covered = tree_covered,
};
