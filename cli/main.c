// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov-ext: print the calls recorded in a KCOV_TRACE_PC_EXT area.
 *
 *   kcov-ext tree|folded|stats FILE [--exe BINARY | --system-map FILE]
 *            [--map MAP] [--classic | --ext]
 *
 * FILE ("-": standard input) is a kcov area: the kernel's mmap area saved
 * as is, or a kcov_rt dump with its load map beside it (FILE.map). "tree"
 * prints one line per call, indented by depth; "folded" prints
 * "outer;inner count" stacks for flame graphs (count: records made inside);
 * "stats" prints counts. Functions are named from the load map's objects
 * (--exe replaces its executable), from --exe alone, or from a kernel's
 * System.map. Classic (KCOV_TRACE_PC) areas are told from ext ones by the
 * map or by their records; --classic and --ext say it.
 *
 * Exit status: 0 when the calls printed are the calls made, also after
 * resynchronising on frames a longjmp or an exception left (a note says
 * how many); 1 when they may not be: the area is corrupt (a count beyond
 * the data, trailing bytes, records of unknown type) or full (later
 * records were dropped), records lie in functions without an open frame,
 * or a longjmp into recursion could not be placed, after printing what
 * can be decoded; 2 for bad usage, an unreadable or empty file, or
 * symbols that do not fit the trace.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_decode.h"
#include "kcov_map.h"
#include "kcov_symbols.h"

enum command { CMD_TREE, CMD_FOLDED, CMD_STATS };

/* A cache from PC to function; functions numbered from 1. */
struct pc_slot {
	uint64_t pc;
	uint32_t fn;	/* 0: empty slot */
};

struct function {
	uint64_t start;		/* identity: one start per function */
	char *name;
	uint64_t entered;
};

struct folded_node {
	uint32_t parent, fn;
	uint64_t count;
};

/* Up to this many PCs that do not fit the symbols are shown. */
#define MISFIT_EXAMPLES 3

struct decoder {
	enum command cmd;
	const char *file;
	struct kcov_symbols *syms;	/* NULL: functions named by address */
	struct function *fns;		/* fn id - 1 -> function */
	uint32_t nfns, fns_cap;
	uint32_t *fn_index;		/* hash of start -> fn id */
	size_t fn_mask;
	struct pc_slot *pcs;
	size_t pc_mask, npcs;
	/* PCs that do not fit the symbols: distinct, and some of them */
	uint64_t misfits, no_function, not_call;
	uint64_t misfit_pc[MISFIT_EXAMPLES];
	const char *misfit_note;
	/* folded: a trie of (parent node, function) */
	struct folded_node *nodes;
	uint32_t nnodes, nodes_cap;
	uint32_t *node_index;	/* hash of (parent, fn) -> node id + 1 */
	size_t node_mask;
	uint32_t *stack;	/* folded node of each open depth */
	uint32_t stack_depth, stack_cap;
};

static void out_of_memory(void)
{
	fprintf(stderr, "kcov-ext: out of memory\n");
	exit(2);
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		out_of_memory();
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		out_of_memory();
	return p;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Rehash a table of ids (0: empty) keyed by KEY(id) into twice the size. */
static uint32_t *grow_index(uint32_t *old, size_t *mask, uint32_t n,
			    uint64_t (*key)(const struct decoder *, uint32_t),
			    const struct decoder *d)
{
	uint32_t *index;

	*mask = *mask * 2 + 1;
	index = xcalloc(*mask + 1, sizeof(*index));
	for (uint32_t id = 1; id <= n; id++) {
		size_t j = mix(key(d, id)) & *mask;

		while (index[j])
			j = (j + 1) & *mask;
		index[j] = id;
	}
	free(old);
	return index;
}

static uint64_t fn_key(const struct decoder *d, uint32_t id)
{
	return d->fns[id - 1].start;
}

static uint32_t intern(struct decoder *d, uint64_t start, const char *name)
{
	size_t i = mix(start) & d->fn_mask;

	for (; d->fn_index[i]; i = (i + 1) & d->fn_mask)
		if (d->fns[d->fn_index[i] - 1].start == start)
			return d->fn_index[i];
	if (d->nfns == d->fns_cap) {
		d->fns_cap = d->fns_cap ? 2 * d->fns_cap : 1024;
		d->fns = xrealloc(d->fns, d->fns_cap * sizeof(*d->fns));
	}
	d->fns[d->nfns].start = start;
	d->fns[d->nfns].name = strdup(name);
	d->fns[d->nfns].entered = 0;
	if (!d->fns[d->nfns].name)
		out_of_memory();
	d->fn_index[i] = ++d->nfns;
	if ((size_t)d->nfns * 2 > d->fn_mask)
		d->fn_index = grow_index(d->fn_index, &d->fn_mask, d->nfns, fn_key, d);
	return d->nfns;
}

/* Note a PC that does not fit the symbols. */
static void misfit(struct decoder *d, uint64_t pc, const struct kcov_pc_info *info)
{
	if (d->misfits < MISFIT_EXAMPLES)
		d->misfit_pc[d->misfits] = pc;
	d->misfits++;
	if (info->fit == KCOV_PC_NO_FUNCTION)
		d->no_function++;
	else
		d->not_call++;
	if (info->unavailable && !d->misfit_note)
		d->misfit_note = info->unavailable;
}

static void grow_pcs(struct decoder *d)
{
	struct pc_slot *old = d->pcs;
	size_t old_size = d->pc_mask + 1;

	d->pc_mask = old_size * 2 - 1;
	d->pcs = xcalloc(d->pc_mask + 1, sizeof(*d->pcs));
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

static uint32_t function_of(struct decoder *d, uint64_t pc)
{
	size_t i = mix(pc) & d->pc_mask;
	struct kcov_pc_info info;
	char name[32];
	uint32_t fn;

	for (; d->pcs[i].fn; i = (i + 1) & d->pc_mask)
		if (d->pcs[i].pc == pc)
			return d->pcs[i].fn;
	if (d->syms) {
		kcov_symbols_lookup(d->syms, pc, &info);
		if (info.fit == KCOV_PC_NO_FUNCTION || info.fit == KCOV_PC_NOT_CALL)
			misfit(d, pc, &info);
		fn = intern(d, info.function, info.name);
	} else {
		/* No symbols: each entry PC is a function of its own. */
		snprintf(name, sizeof(name), "0x%llx", (unsigned long long)pc);
		fn = intern(d, pc, name);
	}
	d->pcs[i].pc = pc;
	d->pcs[i].fn = fn;
	if (++d->npcs * 2 > d->pc_mask)
		grow_pcs(d);
	return fn;
}

static uint64_t node_key(const struct decoder *d, uint32_t id)
{
	return (uint64_t)d->nodes[id - 1].parent << 32 | d->nodes[id - 1].fn;
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
	if ((size_t)d->nnodes * 2 > d->node_mask)
		d->node_index = grow_index(d->node_index, &d->node_mask, d->nnodes, node_key, d);
	return d->nnodes - 1;
}

static void on_enter(void *ctx, uint64_t pc, unsigned int depth)
{
	struct decoder *d = ctx;
	uint32_t fn = function_of(d, pc);

	d->fns[fn - 1].entered++;
	if (d->cmd == CMD_TREE)
		printf("%*s%s\n", (int)(2 * depth), "", d->fns[fn - 1].name);
	if (d->cmd == CMD_FOLDED) {
		uint32_t parent = d->stack_depth ? d->stack[d->stack_depth - 1] + 1 : 0;
		uint32_t node = folded_child(d, parent, fn);

		if (d->stack_depth == d->stack_cap) {
			d->stack_cap = d->stack_cap ? 2 * d->stack_cap : 256;
			d->stack = xrealloc(d->stack, d->stack_cap * sizeof(*d->stack));
		}
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

static uint32_t on_function(void *ctx, uint64_t pc)
{
	return function_of(ctx, pc);
}

static void print_folded(const struct decoder *d)
{
	uint32_t *path = NULL, cap = 0;

	for (uint32_t n = 0; n < d->nnodes; n++) {
		uint32_t len = 0;

		if (!d->nodes[n].count)
			continue;
		/* The stack from the leaf up, printed from the root down. */
		for (uint32_t i = n + 1; i; i = d->nodes[i - 1].parent) {
			if (len == cap) {
				cap = cap ? 2 * cap : 256;
				path = xrealloc(path, cap * sizeof(*path));
			}
			path[len++] = i - 1;
		}
		while (len--)
			printf("%s%s", d->fns[d->nodes[path[len]].fn - 1].name, len ? ";" : "");
		printf(" %llu\n", (unsigned long long)d->nodes[n].count);
	}
	free(path);
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
			data = xrealloc(data, cap + 1);
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
		"usage: kcov-ext tree|folded|stats FILE [--exe BINARY | --system-map FILE] [--map MAP] [--classic | --ext]\n"
		"  FILE is a kcov area (u64 count, then records; \"-\" for standard input)\n"
		"  tree     one line per call, indented by depth\n"
		"  folded   \"outer;inner count\" stacks for flame graphs\n"
		"  stats    record and call counts\n"
		"  --exe BINARY       name functions from this executable (elfutils)\n"
		"  --system-map FILE  name functions from a kernel's System.map\n"
		"  --map MAP          the load map kcov_rt wrote (default: FILE.map if it exists)\n"
		"  --classic, --ext   the area's mode (default: the map's, or told from the records)\n");
}

/* Records by type, before the walk: how to read the area. */
struct census {
	uint64_t entries, exits, normal, unknown;
};

static void count_types(const struct kcov_area *area, struct census *c)
{
	memset(c, 0, sizeof(*c));
	for (uint64_t i = 0; i < area->records; i++) {
		switch (kcov_record_type(kcov_area_record(area, i))) {
		case KCOV_REC_ENTRY:
			c->entries++;
			break;
		case KCOV_REC_EXIT:
			c->exits++;
			break;
		case KCOV_REC_NORMAL:
			c->normal++;
			break;
		default:
			c->unknown++;
			break;
		}
	}
}

/*
 * Whether an area of these records was recorded in ext mode. Classic
 * records are plain PCs: user space ones all read as entries (top nibble
 * 0), kernel ones all as normal records (0xf). An exit type, or entries
 * beside normal records, only comes from ext mode.
 */
static int looks_ext(const struct census *c)
{
	return c->exits || (c->entries && c->normal);
}

static struct kcov_map *read_map(const char *path, int required)
{
	struct kcov_map *map = xcalloc(1, sizeof(*map));
	unsigned char *text;
	size_t size;
	char err[256];

	text = read_file(path, &size);
	if (!text) {
		if (!required && errno == ENOENT) {
			free(map);
			return NULL;
		}
		fprintf(stderr, "kcov-ext: %s: %s\n", path, strerror(errno ? errno : EIO));
		exit(2);
	}
	if (kcov_map_parse((const char *)text, size, map, err, sizeof(err))) {
		fprintf(stderr, "kcov-ext: %s: not a kcov_rt load map: %s\n", path, err);
		exit(2);
	}
	free(text);
	return map;
}

int main(int argc, char **argv)
{
	struct decoder d = { 0 };
	struct kcov_walk_ops ops = {
		.enter = on_enter, .leave = on_leave, .block = on_block,
		.function = on_function,
	};
	const char *exe = NULL, *system_map = NULL, *map_path = NULL;
	struct kcov_map *map = NULL;
	struct kcov_walk_stats stats;
	struct kcov_area area;
	struct census census;
	unsigned char *data;
	char err[512], *auto_map = NULL;
	size_t size;
	int mode = -1, status = 0, area_status, full = -1;

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
		} else if (!strcmp(argv[i], "--map") && i + 1 < argc) {
			map_path = argv[++i];
		} else if (!strcmp(argv[i], "--classic") && mode < 0) {
			mode = 0;
		} else if (!strcmp(argv[i], "--ext") && mode < 0) {
			mode = 1;
		} else {
			fprintf(stderr, "kcov-ext: unknown, repeated or incomplete option '%s'\n",
				argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (exe && system_map) {
		fprintf(stderr, "kcov-ext: --exe and --system-map exclude each other\n");
		return 2;
	}
	if (map_path && system_map) {
		fprintf(stderr, "kcov-ext: --map is for kcov_rt areas, --system-map for kernel ones\n");
		return 2;
	}

	/* The load map: named, or beside a kcov_rt dump (not a kernel area). */
	if (map_path) {
		map = read_map(map_path, 1);
	} else if (!system_map && strcmp(d.file, "-")) {
		auto_map = xrealloc(NULL, strlen(d.file) + 5);
		sprintf(auto_map, "%s.map", d.file);
		map = read_map(auto_map, 0);
		map_path = auto_map;
	}
	if (map && mode >= 0 && mode != map->ext) {
		fprintf(stderr, "kcov-ext: %s says the area was recorded in %s mode\n",
			map_path, map->ext ? "ext" : "classic");
		return 2;
	}

	if (map)
		d.syms = kcov_symbols_from_map(map, exe, err, sizeof(err));
	else if (exe)
		d.syms = kcov_symbols_from_exe(exe, err, sizeof(err));
	else if (system_map)
		d.syms = kcov_symbols_from_system_map(system_map, err, sizeof(err));
	if ((map || exe || system_map) && !d.syms) {
		fprintf(stderr, "kcov-ext: %s\n", err);
		return 2;
	}
	/* Without symbols no exit can be told from another: trust them all. */
	if (!d.syms)
		ops.function = NULL;

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
	/*
	 * Full: the recorder dropped what came after. Known from the map's
	 * size, or from a raw area saved whole (every slot counted).
	 */
	if (map)
		full = area.claimed + 1 >= map->size;
	else if (area.records < (size - 8) / 8)
		full = 0;
	if (full == 1) {
		fprintf(stderr, "kcov-ext: %s: the area is full: records after the first %llu were dropped, so the calls shown stop early (record with a larger KCOV_RT_SIZE)\n",
			d.file, (unsigned long long)area.claimed);
		status = 1;
	}

	count_types(&area, &census);
	if (mode < 0)
		mode = map ? map->ext : looks_ext(&census);
	if (!mode && census.exits) {
		fprintf(stderr, "kcov-ext: %s: not a classic area: %llu records carry the exit type\n",
			d.file, (unsigned long long)census.exits);
		return 2;
	}
	if (!mode && !map && census.entries > 1 && census.entries == area.records)
		fprintf(stderr, "kcov-ext: %s: no exit or block records: reading it as a classic (KCOV_TRACE_PC) area; --ext reads it as calls\n",
			d.file);

	d.pc_mask = 4095;
	d.pcs = xcalloc(d.pc_mask + 1, sizeof(*d.pcs));
	d.fn_mask = 4095;
	d.fn_index = xcalloc(d.fn_mask + 1, sizeof(*d.fn_index));
	d.node_mask = 4095;
	d.node_index = xcalloc(d.node_mask + 1, sizeof(*d.node_index));

	/* Symbols that do not fit the trace name nothing right: refuse them. */
	if (d.syms) {
		for (uint64_t i = 0; i < area.records; i++) {
			uint64_t record = kcov_area_record(&area, i);

			if (!mode || kcov_record_type(record) != KCOV_REC_UNKNOWN)
				function_of(&d, mode ? kcov_record_ip(record) : record);
		}
	}
	if (d.misfits) {
		fprintf(stderr, "kcov-ext: %s: the symbols do not fit this trace: of %zu distinct PCs, %llu lie in no function and %llu not just after a call to a hook, e.g.",
			d.file, d.npcs, (unsigned long long)d.no_function,
			(unsigned long long)d.not_call);
		for (uint64_t i = 0; i < d.misfits && i < MISFIT_EXAMPLES; i++)
			fprintf(stderr, " 0x%llx", (unsigned long long)d.misfit_pc[i]);
		fprintf(stderr, "\n");
		if (d.misfit_note)
			fprintf(stderr, "kcov-ext: %s\n", d.misfit_note);
		else
			fprintf(stderr, "kcov-ext: are they from another program or build, or a stripped one?\n");
		return 2;
	}

	if (!mode) {
		/* Every record is a block's PC, whatever its top bits. */
		memset(&stats, 0, sizeof(stats));
		for (uint64_t i = 0; i < area.records; i++) {
			uint64_t pc = kcov_area_record(&area, i);
			uint32_t fn = function_of(&d, pc);

			stats.normal++;
			/* tree: each covered function once, in order of coverage */
			if (!d.fns[fn - 1].entered++ && d.cmd == CMD_TREE)
				printf("%s\n", d.fns[fn - 1].name);
			on_block(&d, pc, 0);
		}
	} else if (kcov_decode_walk(&area, &ops, &d, &stats)) {
		out_of_memory();
	}

	if (d.cmd == CMD_FOLDED)
		print_folded(&d);
	if (d.cmd == CMD_STATS) {
		printf("mode:               %s\n", mode ? "ext" : "classic");
		printf("records:            %llu\n", (unsigned long long)area.records);
		printf("  entry:            %llu\n", (unsigned long long)stats.entries);
		printf("  exit:             %llu\n", (unsigned long long)stats.exits);
		printf("  normal:           %llu\n", (unsigned long long)stats.normal);
		printf("  unknown type:     %llu\n", (unsigned long long)stats.unknown);
		printf("functions:          %u\n", d.nfns);	/* entered, or covered */
		printf("max depth:          %u\n", stats.max_depth);
		printf("unmatched exits:    %llu\n", (unsigned long long)stats.unmatched_exits);
		printf("resynced frames:    %llu\n", (unsigned long long)stats.resynced_frames);
		printf("ambiguous landings: %llu\n", (unsigned long long)stats.ambiguous_landings);
		printf("doubtful frames:    %llu\n", (unsigned long long)stats.doubtful_frames);
		printf("stray records:      %llu\n", (unsigned long long)stats.stray);
		printf("open at end:        %llu\n", (unsigned long long)stats.open_at_end);
		printf("truncated:          %s\n", area_status == KCOV_AREA_TRUNCATED ? "yes" : "no");
		printf("full:               %s\n", full < 0 ? "unknown (no map)" : full ? "yes" : "no");
	}
	if (mode && !d.syms && (stats.unmatched_exits || stats.open_at_end)) {
		fprintf(stderr, "kcov-ext: %s: without symbols no exit can be told from another, so frames a longjmp or an exception left cannot be found: %llu exits without an open entry, %llu frames open at the end (name the functions with the load map, --exe or --system-map)\n",
			d.file, (unsigned long long)stats.unmatched_exits,
			(unsigned long long)stats.open_at_end);
		status = 1;
	}
	if (stats.unknown) {
		fprintf(stderr, "kcov-ext: %s: %llu records of unknown type (top nibble not 0, 1 or f): not an ext area, or corrupt\n",
			d.file, (unsigned long long)stats.unknown);
		status = 1;
	}
	if (stats.resynced_frames)
		fprintf(stderr, "kcov-ext: %s: %llu frames left without an exit (longjmp or exceptions) were closed where later records showed them gone\n",
			d.file, (unsigned long long)stats.resynced_frames);
	if (stats.stray) {
		fprintf(stderr, "kcov-ext: %s: %llu records lie in functions with no open frame while frames are open: code without the entry/exit hooks among code with them, or lost records; the calls around them may hang under the wrong frame\n",
			d.file, (unsigned long long)stats.stray);
		status = 1;
	}
	if (stats.doubtful_frames) {
		fprintf(stderr, "kcov-ext: %s: %llu longjmp (or exception) landings were ambiguous (in recursion, or just after a call returned), and %llu frames contradict the guess: the calls after such a landing may hang under the wrong frame\n",
			d.file, (unsigned long long)stats.ambiguous_landings,
			(unsigned long long)stats.doubtful_frames);
		status = 1;
	}

	for (uint32_t i = 0; i < d.nfns; i++)
		free(d.fns[i].name);
	free(d.fns);
	free(d.fn_index);
	free(d.pcs);
	free(d.nodes);
	free(d.node_index);
	free(d.stack);
	free(data);
	free(auto_map);
	if (map) {
		kcov_map_free(map);
		free(map);
	}
	kcov_symbols_free(d.syms);
	return status;
}
