/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov-ext's views: main.c reads the options, the map and the area,
 * names.c names its functions and walks its records, and each view turns
 * the walk into one kind of output.
 */
#ifndef KCOV_EXT_CLI_H
#define KCOV_EXT_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kcov_ext.h"

struct function {
	uint64_t start;		/* identity: one start per function */
	char *name;		/* demangled unless --mangled */
	uint64_t entered;	/* calls, or (classic) covered blocks */
	uint64_t self;		/* records in the function itself */
	uint64_t subtree;	/* records while it was on the stack (outermost frame) */
	uint32_t open;		/* frames of it open now */
	uint32_t frame;		/* speedscope frame number + 1, or 0 */
	bool focus, prune;	/* matches a --focus / --prune pattern */
};

/* A trie of call stacks: the folded view and the flame graph. */
struct folded_node {
	uint32_t parent;	/* node id + 1, 0 for a root */
	uint32_t fn;
	uint64_t count;		/* records made in this stack's innermost frame */
};

struct folded {
	struct folded_node *nodes;
	uint32_t nnodes, nodes_cap;
	uint32_t *index;	/* hash of (parent, fn) -> node id + 1 */
	size_t mask;
	uint32_t *stack;	/* node of each open depth */
	uint32_t depth, stack_cap;
};

struct options {
	int depth;		/* tree --depth N; -1: all */
	const char **focus, **prune;
	unsigned int nfocus, nprune;
	bool split;
	unsigned int top;	/* stats --top N; 0: no table */
	bool mangled;
};

struct cli {
	const struct view *view;
	const char *file;
	struct options opt;
	int ext;			/* the area's mode: 1 ext, 0 classic */
	uint64_t records;		/* in the area */
	bool truncated;			/* the count claims more records */
	int full;			/* records were dropped: 1, 0, -1 unknown */
	uint64_t pid, tid;		/* from the load map, or 0 */
	struct kcov_symbols *syms;	/* NULL: functions named by address */
	struct kcov_walk *walk;		/* NULL in classic mode */
	struct function *fns;		/* fn id - 1 -> function */
	uint32_t nfns, fns_cap;
	struct folded folded;
	void *view_data;
};

struct view {
	const char *name;
	const char *help;
	/* Refuses classic areas (exit 2): only ext records have calls. */
	bool needs_calls;
	/* Runs instead of the walk (raw); returns the exit status. */
	int (*run)(struct cli *cli, struct kcov_area *area);
	void (*begin)(struct cli *cli);
	/* A call of FN entered at PC, at DEPTH. */
	void (*enter)(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth);
	/* It returned at EXIT_PC (0: closed by resynchronising). */
	void (*leave)(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth);
	/* A block of FN ran at DEPTH. */
	void (*block)(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth);
	/* Classic areas: a block of FN ran (NULL: block, at depth 0). */
	void (*covered)(struct cli *cli, uint32_t fn, uint64_t pc);
	void (*end)(struct cli *cli, const struct kcov_walk_stats *stats);
};

extern const struct view tree_view, folded_view, stats_view, raw_view, trace_view,
	speedscope_view, flamegraph_view;

/* names.c: naming and walking */
void out_of_memory(void);
void *xrealloc(void *p, size_t size);
void *xcalloc(size_t n, size_t size);
uint64_t mix64(uint64_t x);
void cli_names_init(void);
void cli_names_free(struct cli *cli);
/* The function PC lies in (ext: the record's PC), numbered from 1. */
uint32_t cli_function_of(struct cli *cli, uint64_t pc);
/* Refuse symbols that do not fit the area (exit 2 with a message). */
void cli_check_fit(struct cli *cli, struct kcov_area *area);
/* Replay the area for the view. */
void cli_walk(struct cli *cli, struct kcov_area *area, struct kcov_walk_stats *stats);
/* A read error on the area: exit 2. */
void cli_read_error(const struct cli *cli);
static inline struct function *cli_fn(struct cli *cli, uint32_t fn)
{
	return &cli->fns[fn - 1];
}
/* The record being replayed, or (after the walk) the number of records. */
uint64_t cli_position(const struct cli *cli);

/* folded.c: the stack trie, for folded and flamegraph. */
void folded_enter(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth);
void folded_leave(struct cli *cli, uint32_t fn, uint64_t exit_pc, unsigned int depth);
void folded_block(struct cli *cli, uint32_t fn, uint64_t pc, unsigned int depth);
void folded_free(struct folded *f);

/* trace.c: JSON strings. */
void json_string(FILE *out, const char *s);

#endif /* KCOV_EXT_CLI_H */
