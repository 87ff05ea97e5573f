// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov-ext: print the calls recorded in a KCOV_TRACE_PC_EXT area.
 *
 *   kcov-ext tree|folded|stats FILE [--exe BINARY | --system-map FILE] [--classic]
 *
 * FILE ("-": standard input) is a kcov area: the kernel's mmap area saved
 * as is, or a kcov_rt dump. "tree" prints one line per call, indented by
 * depth; "folded" prints "outer;inner count" stacks for flame graphs
 * (count: records made inside); "stats" prints counts. --exe names
 * functions from an executable's symbol table, --system-map from a
 * kernel's. --classic reads a KCOV_TRACE_PC area (every record a block).
 *
 * Exit status: 0, also after recovering from exits without an entry
 * (longjmp, exceptions); 1 if the area is corrupt (count beyond the data,
 * trailing bytes, records of unknown type: decoded as far as possible);
 * 2 for bad usage or an unreadable or empty file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_decode.h"
#include "kcov_symbols.h"

#define KERNEL_TOP_BYTE 0xff00000000000000ULL

enum command { CMD_TREE, CMD_FOLDED, CMD_STATS };

/* Interned function names, and a cache from PC to function. */
struct pc_slot {
	uint64_t pc;
	uint32_t fn;	/* 0: empty slot */
};

struct folded_node {
	uint32_t parent, fn;
	uint64_t count;
};

struct decoder {
	enum command cmd;
	const char *file;
	struct kcov_symbols *syms;
	int kernel;		/* restore the top byte before lookup */
	char **names;		/* fn id - 1 -> name */
	uint32_t nnames;
	struct pc_slot *pcs;
	size_t pc_mask, npcs;
	/* folded: a trie of (parent node, function) */
	struct folded_node *nodes;
	uint32_t nnodes, nodes_cap;
	uint32_t *node_index;	/* hash of (parent, fn) -> node id + 1 */
	size_t node_mask;
	uint32_t *stack;	/* folded node of each open depth */
	uint32_t stack_depth;
	uint64_t *entered;	/* per function: times entered */
};

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "kcov-ext: out of memory\n");
		exit(2);
	}
	return p;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static uint32_t intern(struct decoder *d, const char *name)
{
	/* Few distinct functions per trace: a linear scan of new names only. */
	for (uint32_t i = 0; i < d->nnames; i++)
		if (!strcmp(d->names[i], name))
			return i + 1;
	d->names = xrealloc(d->names, (d->nnames + 1) * sizeof(*d->names));
	d->names[d->nnames] = strdup(name);
	if (!d->names[d->nnames]) {
		fprintf(stderr, "kcov-ext: out of memory\n");
		exit(2);
	}
	d->entered = xrealloc(d->entered, (d->nnames + 1) * sizeof(*d->entered));
	d->entered[d->nnames] = 0;
	return ++d->nnames;
}

static void grow_pcs(struct decoder *d);

static uint32_t function_of(struct decoder *d, uint64_t pc)
{
	size_t i = mix(pc) & d->pc_mask;
	const char *name;

	for (; d->pcs[i].fn; i = (i + 1) & d->pc_mask)
		if (d->pcs[i].pc == pc)
			return d->pcs[i].fn;
	kcov_symbols_function(d->syms, d->kernel ? pc | KERNEL_TOP_BYTE : pc, &name);
	d->pcs[i].pc = pc;
	d->pcs[i].fn = intern(d, name);
	if (++d->npcs * 2 > d->pc_mask)
		grow_pcs(d);
	return function_of(d, pc);
}

static void grow_pcs(struct decoder *d)
{
	struct pc_slot *old = d->pcs;
	size_t old_size = d->pc_mask + 1;

	d->pc_mask = old_size * 2 - 1;
	d->pcs = calloc(d->pc_mask + 1, sizeof(*d->pcs));
	if (!d->pcs) {
		fprintf(stderr, "kcov-ext: out of memory\n");
		exit(2);
	}
	for (size_t i = 0; i < old_size; i++) {
		size_t j;

		if (!old[i].fn)
			continue;
		for (j = mix(old[i].pc) & d->pc_mask; d->pcs[j].fn; j = (j + 1) & d->pc_mask)
			;
		d->pcs[j] = old[i];
	}
	free(old);
}

static uint32_t folded_child(struct decoder *d, uint32_t parent, uint32_t fn)
{
	size_t i = mix((uint64_t)parent << 32 | fn) & d->node_mask;

	for (; d->node_index[i]; i = (i + 1) & d->node_mask) {
		struct folded_node *n = &d->nodes[d->node_index[i] - 1];

		if (n->parent == parent && n->fn == fn)
			return d->node_index[i] - 1;
	}
	if (d->nnodes == d->nodes_cap) {
		d->nodes_cap = d->nodes_cap ? 2 * d->nodes_cap : 1024;
		d->nodes = xrealloc(d->nodes, d->nodes_cap * sizeof(*d->nodes));
	}
	d->nodes[d->nnodes] = (struct folded_node){ parent, fn, 0 };
	d->node_index[i] = ++d->nnodes;
	if ((size_t)d->nnodes * 2 > d->node_mask) {
		/* Rehash into a table twice the size. */
		free(d->node_index);
		d->node_mask = d->node_mask * 2 + 1;
		d->node_index = calloc(d->node_mask + 1, sizeof(*d->node_index));
		if (!d->node_index) {
			fprintf(stderr, "kcov-ext: out of memory\n");
			exit(2);
		}
		for (uint32_t n = 0; n < d->nnodes; n++) {
			size_t j = mix((uint64_t)d->nodes[n].parent << 32 | d->nodes[n].fn) &
				   d->node_mask;

			while (d->node_index[j])
				j = (j + 1) & d->node_mask;
			d->node_index[j] = n + 1;
		}
	}
	return d->nnodes - 1;
}

static void on_enter(void *ctx, uint64_t pc, unsigned int depth)
{
	struct decoder *d = ctx;
	uint32_t fn = function_of(d, pc);

	d->entered[fn - 1]++;
	if (d->cmd == CMD_TREE)
		printf("%*s%s\n", (int)(2 * depth), "", d->names[fn - 1]);
	if (d->cmd == CMD_FOLDED) {
		uint32_t parent = d->stack_depth ? d->stack[d->stack_depth - 1] + 1 : 0;
		uint32_t node;

		if (d->stack_depth >= KCOV_WALK_MAX_DEPTH)
			return;
		node = folded_child(d, parent, fn);
		d->nodes[node].count++;
		d->stack[d->stack_depth++] = node;
	}
}

static void on_leave(void *ctx, uint64_t entry_pc, uint64_t exit_pc, unsigned int depth)
{
	struct decoder *d = ctx;

	(void)entry_pc;
	(void)exit_pc;
	if (d->cmd == CMD_FOLDED && d->stack_depth > depth)
		d->stack_depth = depth;
}

static void on_block(void *ctx, uint64_t pc, unsigned int depth)
{
	struct decoder *d = ctx;

	(void)depth;
	if (d->cmd != CMD_FOLDED)
		return;
	if (d->stack_depth) {
		d->nodes[d->stack[d->stack_depth - 1]].count++;
	} else {
		/* A block outside any recorded call: its function is the root. */
		uint32_t node = folded_child(d, 0, function_of(d, pc));

		d->nodes[node].count++;
	}
}

static int on_same_function(void *ctx, uint64_t entry_pc, uint64_t exit_pc)
{
	struct decoder *d = ctx;

	return function_of(d, entry_pc) == function_of(d, exit_pc);
}

static void print_folded_stack(const struct decoder *d, uint32_t node)
{
	if (d->nodes[node].parent)
		print_folded_stack(d, d->nodes[node].parent - 1);
	if (d->nodes[node].parent)
		putchar(';');
	fputs(d->names[d->nodes[node].fn - 1], stdout);
}

static void print_folded(const struct decoder *d)
{
	for (uint32_t n = 0; n < d->nnodes; n++) {
		if (!d->nodes[n].count)
			continue;
		print_folded_stack(d, n);
		printf(" %llu\n", (unsigned long long)d->nodes[n].count);
	}
}

static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	unsigned char *data = NULL;
	size_t cap = 0, len = 0, n;

	if (!in)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			data = xrealloc(data, cap);
		}
		n = fread(data + len, 1, cap - len, in);
		len += n;
	} while (n);
	if (ferror(in)) {
		free(data);
		data = NULL;
	}
	if (in != stdin)
		fclose(in);
	*size = len;
	return data;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kcov-ext tree|folded|stats FILE [--exe BINARY | --system-map FILE] [--classic]\n"
		"  FILE is a kcov area (u64 count, then records; \"-\" for standard input)\n"
		"  tree     one line per call, indented by depth\n"
		"  folded   \"outer;inner count\" stacks for flame graphs\n"
		"  stats    record and call counts\n"
		"  --exe BINARY       name functions from an executable (elfutils)\n"
		"  --system-map FILE  name functions from a kernel's System.map\n"
		"  --classic          a KCOV_TRACE_PC area: every record is a block\n");
}

int main(int argc, char **argv)
{
	struct decoder d = { 0 };
	struct kcov_walk_ops ops = {
		.enter = on_enter, .leave = on_leave, .block = on_block,
		.same_function = on_same_function,
	};
	const char *exe = NULL, *system_map = NULL;
	struct kcov_walk_stats stats;
	struct kcov_area area;
	unsigned char *data;
	char err[512];
	size_t size;
	int classic = 0, status = 0, area_status;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc < 3) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "tree"))
		d.cmd = CMD_TREE;
	else if (!strcmp(argv[1], "folded"))
		d.cmd = CMD_FOLDED;
	else if (!strcmp(argv[1], "stats"))
		d.cmd = CMD_STATS;
	else {
		fprintf(stderr, "kcov-ext: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	d.file = argv[2];
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--exe") && i + 1 < argc) {
			exe = argv[++i];
		} else if (!strcmp(argv[i], "--system-map") && i + 1 < argc) {
			system_map = argv[++i];
		} else if (!strcmp(argv[i], "--classic")) {
			classic = 1;
		} else {
			fprintf(stderr, "kcov-ext: unknown or incomplete option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (exe && system_map) {
		fprintf(stderr, "kcov-ext: --exe and --system-map exclude each other\n");
		return 2;
	}

	if (exe)
		d.syms = kcov_symbols_from_exe(exe, err, sizeof(err));
	else if (system_map)
		d.syms = kcov_symbols_from_system_map(system_map, err, sizeof(err));
	else
		d.syms = kcov_symbols_none();
	if (!d.syms) {
		fprintf(stderr, "kcov-ext: %s\n", err);
		return 2;
	}
	d.kernel = system_map != NULL;
	/* Without symbols no exit can be told from another: trust them all. */
	if (!exe && !system_map)
		ops.same_function = NULL;

	data = read_file(d.file, &size);
	if (!data) {
		fprintf(stderr, "kcov-ext: %s: %s\n", d.file, strerror(errno ? errno : EIO));
		return 2;
	}
	area_status = kcov_decode_area(data, size, &area);
	if (area_status == KCOV_AREA_EMPTY) {
		fprintf(stderr, "kcov-ext: %s: empty: no 8-byte record count\n", d.file);
		return 2;
	}
	if (area_status == KCOV_AREA_TRUNCATED) {
		fprintf(stderr, "kcov-ext: %s: count says %llu records but only %llu are there (truncated?); decoding those\n",
			d.file, (unsigned long long)area.claimed,
			(unsigned long long)area.records);
		status = 1;
	} else if (area.trailing_bytes) {
		fprintf(stderr, "kcov-ext: %s: %zu bytes after the last whole record\n",
			d.file, area.trailing_bytes);
		status = 1;
	}

	d.pc_mask = 4095;
	d.pcs = calloc(d.pc_mask + 1, sizeof(*d.pcs));
	d.node_mask = 4095;
	d.node_index = calloc(d.node_mask + 1, sizeof(*d.node_index));
	d.stack = malloc(KCOV_WALK_MAX_DEPTH * sizeof(*d.stack));
	if (!d.pcs || !d.node_index || !d.stack) {
		fprintf(stderr, "kcov-ext: out of memory\n");
		return 2;
	}

	if (classic) {
		/* Every record is a block's PC, whatever its top bits. */
		memset(&stats, 0, sizeof(stats));
		for (uint64_t i = 0; i < area.records; i++) {
			uint64_t pc = kcov_area_record(&area, i);

			uint32_t fn = function_of(&d, pc);

			stats.normal++;
			/* tree: each covered function once, in order of coverage */
			if (!d.entered[fn - 1]++ && d.cmd == CMD_TREE)
				printf("%s\n", d.names[fn - 1]);
			on_block(&d, pc, 0);
		}
	} else {
		kcov_decode_walk(&area, &ops, &d, &stats);
	}

	if (d.cmd == CMD_FOLDED)
		print_folded(&d);
	if (d.cmd == CMD_STATS) {
		printf("records:          %llu\n", (unsigned long long)area.records);
		printf("  entry:          %llu\n", (unsigned long long)stats.entries);
		printf("  exit:           %llu\n", (unsigned long long)stats.exits);
		printf("  normal:         %llu\n", (unsigned long long)stats.normal);
		printf("  unknown type:   %llu\n", (unsigned long long)stats.unknown);
		printf("functions:        %u\n", d.nnames);	/* entered, or covered */
		printf("max depth:        %u\n", stats.max_depth);
		printf("unmatched exits:  %llu\n", (unsigned long long)stats.unmatched_exits);
		printf("unwound frames:   %llu\n", (unsigned long long)stats.unwound_frames);
		printf("open at end:      %llu\n", (unsigned long long)stats.open_at_end);
		printf("truncated:        %s\n", area_status == KCOV_AREA_TRUNCATED ? "yes" : "no");
	}
	if (stats.unknown) {
		fprintf(stderr, "kcov-ext: %s: %llu records of unknown type (top nibble not 0, 1 or f): not an ext area, or corrupt\n",
			d.file, (unsigned long long)stats.unknown);
		status = 1;
	}
	if (stats.unmatched_exits || stats.unwound_frames)
		fprintf(stderr, "kcov-ext: %s: %llu exits without an open entry skipped, %llu frames left without an exit (longjmp or exceptions)\n",
			d.file, (unsigned long long)stats.unmatched_exits,
			(unsigned long long)stats.unwound_frames);

	for (uint32_t i = 0; i < d.nnames; i++)
		free(d.names[i]);
	free(d.names);
	free(d.entered);
	free(d.pcs);
	free(d.nodes);
	free(d.node_index);
	free(d.stack);
	free(data);
	kcov_symbols_free(d.syms);
	return status;
}
