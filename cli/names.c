// SPDX-License-Identifier: GPL-2.0-only
/*
 * Naming and walking for the views: each record's PC to a function (the
 * symbols looked up once per distinct PC, behind a direct-mapped cache of
 * recent PCs), names demangled and matched against --focus and --prune,
 * symbols checked against the trace, and the walk that calls the view.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov-ext.h"

/* The Itanium C++ ABI's demangler, from libstdc++. */
char *__cxa_demangle(const char *mangled, char *out, size_t *length, int *status);

/* A cache from PC to function; functions numbered from 1. */
struct pc_slot {
	uint64_t pc;
	uint32_t fn;	/* 0: empty slot */
};

/* A direct-mapped cache of recent PCs in front of the table: it fits L2. */
#define RECENT_BITS	14
#define RECENT		(1 << RECENT_BITS)

/* Up to this many PCs that do not fit the symbols are shown. */
#define MISFIT_EXAMPLES 3

static struct {
	uint32_t *fn_index;		/* hash of start -> fn id */
	size_t fn_mask;
	struct pc_slot *pcs;
	size_t pc_mask, npcs;
	struct pc_slot recent[RECENT];
	/* PCs that do not fit the symbols: distinct, and some of them */
	uint64_t misfits, no_function, not_call;
	uint64_t misfit_pc[MISFIT_EXAMPLES];
	const char *misfit_note;
	uint64_t classic_position;
} names;

void out_of_memory(void)
{
	fprintf(stderr, "kcov-ext: out of memory\n");
	exit(2);
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		out_of_memory();
	return p;
}

uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void grow_fn_index(struct cli *cli)
{
	size_t mask = names.fn_mask * 2 + 1;
	uint32_t *index = xcalloc(mask + 1, sizeof(*index));

	for (uint32_t id = 1; id <= cli->nfns; id++) {
		size_t j = mix64(cli_fn(cli, id)->start) & mask;

		while (index[j])
			j = (j + 1) & mask;
		index[j] = id;
	}
	free(names.fn_index);
	names.fn_index = index;
	names.fn_mask = mask;
}

static bool matches(const char *pattern, const char *name)
{
	size_t len = strlen(pattern);

	if (len && pattern[len - 1] == '*')
		return !strncmp(pattern, name, len - 1);
	/* "f" also matches a demangled "f(int)". */
	return !strncmp(pattern, name, len) && (!name[len] || name[len] == '(');
}

static bool matches_any(const char **patterns, unsigned int n, const char *name)
{
	for (unsigned int i = 0; i < n; i++)
		if (matches(patterns[i], name))
			return true;
	return false;
}

static char *display_name(const struct cli *cli, const char *name)
{
	char *demangled, *copy;
	int status;

	if (!cli->opt.mangled && !strncmp(name, "_Z", 2)) {
		demangled = __cxa_demangle(name, NULL, NULL, &status);
		if (demangled)
			return demangled;
		if (status == -1)
			out_of_memory();
	}
	copy = strdup(name);
	if (!copy)
		out_of_memory();
	return copy;
}

static uint32_t intern(struct cli *cli, uint64_t start, const char *name)
{
	size_t i = mix64(start) & names.fn_mask;
	struct function *f;

	for (; names.fn_index[i]; i = (i + 1) & names.fn_mask)
		if (cli_fn(cli, names.fn_index[i])->start == start)
			return names.fn_index[i];
	if (cli->nfns == cli->fns_cap) {
		cli->fns_cap = cli->fns_cap ? 2 * cli->fns_cap : 1024;
		cli->fns = xrealloc(cli->fns, cli->fns_cap * sizeof(*cli->fns));
	}
	f = &cli->fns[cli->nfns];
	memset(f, 0, sizeof(*f));
	f->start = start;
	f->name = display_name(cli, name);
	f->focus = matches_any(cli->opt.focus, cli->opt.nfocus, f->name);
	f->prune = matches_any(cli->opt.prune, cli->opt.nprune, f->name);
	names.fn_index[i] = ++cli->nfns;
	if ((size_t)cli->nfns * 2 > names.fn_mask)
		grow_fn_index(cli);
	return cli->nfns;
}

/* Note a PC that does not fit the symbols. */
static void misfit(uint64_t pc, const struct kcov_pc_info *info)
{
	if (names.misfits < MISFIT_EXAMPLES)
		names.misfit_pc[names.misfits] = pc;
	names.misfits++;
	if (info->fit == KCOV_PC_NO_FUNCTION)
		names.no_function++;
	else
		names.not_call++;
	if (info->unavailable && !names.misfit_note)
		names.misfit_note = info->unavailable;
}

static void grow_pcs(void)
{
	struct pc_slot *old = names.pcs;
	size_t old_size = names.pc_mask + 1;

	names.pc_mask = old_size * 2 - 1;
	names.pcs = xcalloc(names.pc_mask + 1, sizeof(*names.pcs));
	for (size_t i = 0; i < old_size; i++) {
		size_t j;

		if (!old[i].fn)
			continue;
		for (j = mix64(old[i].pc) & names.pc_mask; names.pcs[j].fn;
		     j = (j + 1) & names.pc_mask)
			;
		names.pcs[j] = old[i];
	}
	free(old);
}

static __attribute__((noinline)) uint32_t lookup(struct cli *cli, uint64_t pc,
						 struct pc_slot *recent)
{
	struct kcov_pc_info info;
	char name[32];
	uint32_t fn;
	size_t i;

	for (i = mix64(pc) & names.pc_mask; names.pcs[i].fn; i = (i + 1) & names.pc_mask) {
		if (names.pcs[i].pc == pc) {
			*recent = names.pcs[i];
			return names.pcs[i].fn;
		}
	}
	if (cli->syms) {
		kcov_symbols_lookup(cli->syms, pc, &info);
		if (info.fit == KCOV_PC_NO_FUNCTION || info.fit == KCOV_PC_NOT_CALL)
			misfit(pc, &info);
		fn = intern(cli, info.function, info.name);
	} else {
		/* No symbols: each entry PC is a function of its own. */
		snprintf(name, sizeof(name), "0x%llx", (unsigned long long)pc);
		fn = intern(cli, pc, name);
	}
	names.pcs[i].pc = pc;
	names.pcs[i].fn = fn;
	if (++names.npcs * 2 > names.pc_mask)
		grow_pcs();
	return fn;
}

static inline uint32_t function_of(struct cli *cli, uint64_t pc)
{
	struct pc_slot *recent = &names.recent[(pc * 0x9e3779b97f4a7c15ULL) >> (64 - RECENT_BITS)];

	if (recent->pc == pc && recent->fn)
		return recent->fn;
	return lookup(cli, pc, recent);
}

uint32_t cli_function_of(struct cli *cli, uint64_t pc)
{
	return function_of(cli, pc);
}

uint64_t cli_position(const struct cli *cli)
{
	return cli->walk ? kcov_walk_position(cli->walk) : names.classic_position;
}

/* The walk's callbacks, passed on to the view with function numbers. */

static void on_enter(void *ctx, uint64_t pc, unsigned int depth)
{
	struct cli *cli = ctx;
	uint32_t fn = function_of(cli, pc);

	cli_fn(cli, fn)->entered++;
	if (cli->view->enter)
		cli->view->enter(cli, fn, pc, depth);
}

static void on_leave(void *ctx, uint64_t entry_pc, uint64_t exit_pc, unsigned int depth)
{
	struct cli *cli = ctx;

	if (cli->view->leave)
		cli->view->leave(cli, function_of(cli, entry_pc), exit_pc, depth);
}

static void on_block(void *ctx, uint64_t pc, unsigned int depth)
{
	struct cli *cli = ctx;

	if (cli->view->block)
		cli->view->block(cli, function_of(cli, pc), pc, depth);
}

static uint32_t on_function(void *ctx, uint64_t pc)
{
	return function_of(ctx, pc);
}

void cli_read_error(const struct cli *cli)
{
	fprintf(stderr, "kcov-ext: %s: %s\n", cli->file, strerror(errno ? errno : EIO));
	exit(2);
}

/* Symbols that do not fit the trace name nothing right: refuse them. */
void cli_check_fit(struct cli *cli, struct kcov_area *area)
{
	const uint64_t *records;
	long n;

	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0) {
		for (long i = 0; i < n; i++) {
			uint64_t r = records[i], type = r >> KCOV_RECORD_TYPE_SHIFT;

			if (!cli->ext)
				function_of(cli, r);
			else if (type == KCOV_RECORDFLAG_TYPE_NORMAL >> KCOV_RECORD_TYPE_SHIFT ||
				 type == KCOV_RECORDFLAG_TYPE_ENTRY >> KCOV_RECORD_TYPE_SHIFT ||
				 type == KCOV_RECORDFLAG_TYPE_EXIT >> KCOV_RECORD_TYPE_SHIFT)
				function_of(cli, r & KCOV_RECORD_IP_MASK);
		}
	}
	if (n < 0)
		cli_read_error(cli);
	if (!names.misfits)
		return;
	fprintf(stderr, "kcov-ext: %s: the symbols do not fit this trace: of %zu distinct PCs, %llu lie in no function and %llu not just after a call to a hook, e.g.",
		cli->file, names.npcs, (unsigned long long)names.no_function,
		(unsigned long long)names.not_call);
	for (uint64_t i = 0; i < names.misfits && i < MISFIT_EXAMPLES; i++)
		fprintf(stderr, " 0x%llx", (unsigned long long)names.misfit_pc[i]);
	fprintf(stderr, "\n");
	if (names.misfit_note)
		fprintf(stderr, "kcov-ext: %s\n", names.misfit_note);
	else
		fprintf(stderr, "kcov-ext: are they from another program or build, or a stripped one?\n");
	exit(2);
}

/* Every record of a classic area is a block's PC, whatever its top bits. */
static void walk_classic(struct cli *cli, struct kcov_area *area, struct kcov_walk_stats *stats)
{
	const uint64_t *records;
	long n;

	memset(stats, 0, sizeof(*stats));
	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0) {
		for (long i = 0; i < n; i++, names.classic_position++) {
			uint32_t fn = function_of(cli, records[i]);

			stats->normal++;
			cli_fn(cli, fn)->self++;
			if (cli->view->covered)
				cli->view->covered(cli, fn, records[i]);
			else if (cli->view->block)
				cli->view->block(cli, fn, records[i], 0);
			cli_fn(cli, fn)->entered++;
		}
	}
	if (n < 0)
		cli_read_error(cli);
}

static void walk_ext(struct cli *cli, struct kcov_area *area, struct kcov_walk_stats *stats)
{
	/* Only what the view uses: a call per record costs. */
	static struct kcov_walk_ops ops = { .enter = on_enter };
	const uint64_t *records;
	long n;

	if (cli->view->leave)
		ops.leave = on_leave;
	if (cli->view->block)
		ops.block = on_block;
	if (cli->view == &stats_view && !cli->opt.top) {
		ops.leave = NULL;
		ops.block = NULL;
	}
	/* Without symbols no exit can be told from another: trust them all. */
	if (cli->syms)
		ops.function = on_function;
	cli->walk = kcov_walk_new(&ops, cli);
	if (!cli->walk)
		out_of_memory();
	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0)
		if (kcov_walk_records(cli->walk, records, n))
			out_of_memory();
	if (n < 0)
		cli_read_error(cli);
	kcov_walk_stats(cli->walk, stats);
}

void cli_walk(struct cli *cli, struct kcov_area *area, struct kcov_walk_stats *stats)
{
	if (cli->ext)
		walk_ext(cli, area, stats);
	else
		walk_classic(cli, area, stats);
}

void cli_names_init(void)
{
	names.pc_mask = 4095;
	names.pcs = xcalloc(names.pc_mask + 1, sizeof(*names.pcs));
	names.fn_mask = 4095;
	names.fn_index = xcalloc(names.fn_mask + 1, sizeof(*names.fn_index));
}

void cli_names_free(struct cli *cli)
{
	for (uint32_t i = 0; i < cli->nfns; i++)
		free(cli->fns[i].name);
	free(cli->fns);
	free(names.fn_index);
	free(names.pcs);
}
