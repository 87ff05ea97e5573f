// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov-ext: print the calls recorded in a KCOV_TRACE_PC_EXT area.
 *
 *   kcov-ext VIEW FILE [--exe BINARY | --system-map FILE] [--map MAP]
 *            [--classic | --ext] [--mangled] [view options]
 *
 * FILE ("-": standard input) is a kcov area: the kernel's mmap area saved
 * as is, or a kcov_rt dump with its load map beside it (FILE.map). The
 * views are in their own files (tree.c, folded.c, stats.c, raw.c, trace.c,
 * flamegraph.c); this one reads the area, names its functions from the
 * load map's objects (--exe replaces its executable), from --exe alone or
 * from a kernel's System.map, and replays the records for the view.
 * Classic (KCOV_TRACE_PC) areas are told from ext ones by the map or by
 * their records; --classic and --ext say it.
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

#include "kcov-ext.h"

static const struct view *const views[] = {
	&tree_view, &folded_view, &stats_view, &raw_view, &trace_view,
	&speedscope_view, &flamegraph_view,
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: kcov-ext VIEW FILE [--exe BINARY | --system-map FILE] [--map MAP]\n"
		"                [--classic | --ext] [--mangled] [view options]\n"
		"       kcov-ext --version | --help\n"
		"  FILE is a kcov area (u64 count, then records; \"-\" for standard input)\n"
		"views:\n");
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		fprintf(out, "  %-11s %s\n", views[i]->name, views[i]->help);
	fprintf(out,
		"options:\n"
		"  --exe BINARY       name functions from this executable (elfutils)\n"
		"  --system-map FILE  name functions from a kernel's System.map\n"
		"  --map MAP          the load map kcov_rt wrote (default: FILE.map if it exists)\n"
		"  --classic, --ext   the area's mode (default: the map's, or told from the records)\n"
		"  --mangled          C++ names as the symbols spell them (default: demangled)\n"
		"tree options:\n"
		"  --depth N          calls up to N levels deep (below a --focus root)\n"
		"  --focus FUNC       only the calls of FUNC, with what they called\n"
		"  --prune FUNC       leave out the calls of FUNC and what they called\n"
		"  --split            one tree per top-level call (kernel areas: per syscall)\n"
		"                     FUNC: a name, or a prefix ending in '*'; repeatable\n"
		"stats options:\n"
		"  --top N            the N functions with the most records of their own\n");
}

/* Records by type, before the walk: how to read the area. */
struct census {
	uint64_t entries, exits, normal, unknown;
};

static int count_types(struct kcov_area *area, struct census *c)
{
	const uint64_t *records;
	uint64_t counts[16] = { 0 };
	long n;

	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0)
		for (long i = 0; i < n; i++)
			counts[records[i] >> KCOV_RECORD_TYPE_SHIFT]++;
	c->entries = counts[KCOV_RECORDFLAG_TYPE_ENTRY >> KCOV_RECORD_TYPE_SHIFT];
	c->exits = counts[KCOV_RECORDFLAG_TYPE_EXIT >> KCOV_RECORD_TYPE_SHIFT];
	c->normal = counts[KCOV_RECORDFLAG_TYPE_NORMAL >> KCOV_RECORD_TYPE_SHIFT];
	c->unknown = area->records - c->entries - c->exits - c->normal;
	return n < 0 ? -1 : 0;
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

static char *read_text(const char *path, size_t *size)
{
	FILE *in = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, len = 0, n;

	if (!in)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 1 << 12;
			data = xrealloc(data, cap + 1);
		}
		n = fread(data + len, 1, cap - len, in);
		len += n;
	} while (n);
	if (ferror(in)) {
		free(data);
		data = NULL;
	}
	fclose(in);
	*size = len;
	return data;
}

static struct kcov_map *read_map(const char *path, int required)
{
	struct kcov_map *map = xcalloc(1, sizeof(*map));
	char err[256], *text;
	size_t size;

	text = read_text(path, &size);
	if (!text) {
		if (!required && errno == ENOENT) {
			free(map);
			return NULL;
		}
		fprintf(stderr, "kcov-ext: %s: %s\n", path, strerror(errno ? errno : EIO));
		exit(2);
	}
	if (kcov_map_parse(text, size, map, err, sizeof(err))) {
		fprintf(stderr, "kcov-ext: %s: not a kcov_rt load map: %s\n", path, err);
		exit(2);
	}
	free(text);
	return map;
}

static unsigned int number(const char *option, const char *arg)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || v > 1000000 || arg[0] == '-') {
		fprintf(stderr, "kcov-ext: %s wants a number, not '%s'\n", option, arg);
		exit(2);
	}
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	static struct cli cli;
	const char *exe = NULL, *system_map = NULL, *map_path = NULL;
	struct kcov_map *map = NULL;
	struct kcov_walk_stats stats;
	struct kcov_area area;
	struct census census;
	char err[512], *auto_map = NULL;
	int mode = -1, status = 0, area_status, full = -1;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf("kcov-ext %s\n", kcov_ext_version());
		return 0;
	}
	if (argc < 3) {
		usage(stderr);
		return 2;
	}
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		if (!strcmp(argv[1], views[i]->name))
			cli.view = views[i];
	if (!cli.view) {
		fprintf(stderr, "kcov-ext: unknown view '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	cli.file = argv[2];
	cli.opt.depth = -1;
	cli.opt.focus = xcalloc(argc, sizeof(*cli.opt.focus));
	cli.opt.prune = xcalloc(argc, sizeof(*cli.opt.prune));
	for (int i = 3; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool tree = cli.view == &tree_view;

		if (!strcmp(arg, "--exe") && val && !exe) {
			exe = argv[++i];
		} else if (!strcmp(arg, "--system-map") && val && !system_map) {
			system_map = argv[++i];
		} else if (!strcmp(arg, "--map") && val && !map_path) {
			map_path = argv[++i];
		} else if (!strcmp(arg, "--classic") && mode < 0) {
			mode = 0;
		} else if (!strcmp(arg, "--ext") && mode < 0) {
			mode = 1;
		} else if (!strcmp(arg, "--mangled")) {
			cli.opt.mangled = true;
		} else if (tree && !strcmp(arg, "--depth") && val && cli.opt.depth < 0) {
			cli.opt.depth = number(arg, argv[++i]);
		} else if (tree && !strcmp(arg, "--focus") && val) {
			cli.opt.focus[cli.opt.nfocus++] = argv[++i];
		} else if (tree && !strcmp(arg, "--prune") && val) {
			cli.opt.prune[cli.opt.nprune++] = argv[++i];
		} else if (tree && !strcmp(arg, "--split")) {
			cli.opt.split = true;
		} else if (cli.view == &stats_view && !strcmp(arg, "--top") && val && !cli.opt.top) {
			cli.opt.top = number(arg, argv[++i]);
			if (!cli.opt.top) {
				fprintf(stderr, "kcov-ext: --top wants at least 1\n");
				return 2;
			}
		} else {
			fprintf(stderr, "kcov-ext: unknown, repeated or incomplete option '%s' for %s\n",
				arg, cli.view->name);
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
	} else if (!system_map && strcmp(cli.file, "-")) {
		auto_map = xrealloc(NULL, strlen(cli.file) + 5);
		sprintf(auto_map, "%s.map", cli.file);
		map = read_map(auto_map, 0);
		map_path = auto_map;
	}
	if (map && mode >= 0 && mode != map->ext) {
		fprintf(stderr, "kcov-ext: %s says the area was recorded in %s mode\n",
			map_path, map->ext ? "ext" : "classic");
		return 2;
	}
	if (map) {
		cli.pid = map->pid;
		cli.tid = map->tid;
	}

	if (map)
		cli.syms = kcov_symbols_from_map(map, exe, err, sizeof(err));
	else if (exe)
		cli.syms = kcov_symbols_from_exe(exe, err, sizeof(err));
	else if (system_map)
		cli.syms = kcov_symbols_from_system_map(system_map, err, sizeof(err));
	if ((map || exe || system_map) && !cli.syms) {
		fprintf(stderr, "kcov-ext: %s\n", err);
		return 2;
	}

	area_status = kcov_area_open(&area, cli.file);
	if (area_status == KCOV_AREA_IO)
		cli_read_error(&cli);
	if (area_status == KCOV_AREA_EMPTY) {
		fprintf(stderr, "kcov-ext: %s: empty: no 8-byte record count\n", cli.file);
		return 2;
	}
	cli.records = area.records;
	if (area_status == KCOV_AREA_TRUNCATED) {
		fprintf(stderr, "kcov-ext: %s: count says %llu records but only %llu are there (truncated?); decoding those\n",
			cli.file, (unsigned long long)area.claimed,
			(unsigned long long)area.records);
		status = 1;
	} else if (area.trailing_bytes) {
		fprintf(stderr, "kcov-ext: %s: %zu bytes after the last whole record\n",
			cli.file, area.trailing_bytes);
		status = 1;
	}
	/*
	 * Full: the recorder dropped what came after. Known from the map's
	 * size, or from a raw area saved whole (every slot counted).
	 */
	if (map)
		full = area.claimed + 1 >= map->size;
	else if (area.records < area.slots)
		full = 0;
	cli.full = full;
	cli.truncated = area_status == KCOV_AREA_TRUNCATED;
	if (full == 1) {
		fprintf(stderr, "kcov-ext: %s: the area is full: records after the first %llu were dropped, so the calls shown stop early (record with a larger KCOV_RT_SIZE)\n",
			cli.file, (unsigned long long)area.claimed);
		status = 1;
	}

	if (mode < 0 && map)
		mode = map->ext;
	if (mode <= 0) {
		if (count_types(&area, &census))
			cli_read_error(&cli);
		if (mode < 0)
			mode = looks_ext(&census);
		if (!mode && census.exits) {
			fprintf(stderr, "kcov-ext: %s: not a classic area: %llu records carry the exit type\n",
				cli.file, (unsigned long long)census.exits);
			return 2;
		}
		if (!mode && !map && census.entries > 1 && census.entries == area.records)
			fprintf(stderr, "kcov-ext: %s: no exit or block records: reading it as a classic (KCOV_TRACE_PC) area; --ext reads it as calls\n",
				cli.file);
	}
	cli.ext = mode;
	if (!cli.ext && cli.view->needs_calls) {
		fprintf(stderr, "kcov-ext: %s: a classic (KCOV_TRACE_PC) area has no calls for the %s view; try tree, folded, flamegraph, stats or raw\n",
			cli.file, cli.view->name);
		return 2;
	}

	cli_names_init();

	if (cli.syms)
		cli_check_fit(&cli, &area);

	if (cli.view->run) {
		int run_status = cli.view->run(&cli, &area);

		if (run_status > status)
			status = run_status;
		goto out;
	}
	if (cli.view->begin)
		cli.view->begin(&cli);
	cli_walk(&cli, &area, &stats);
	if (cli.view->end)
		cli.view->end(&cli, &stats);

	if (cli.ext && !cli.syms && (stats.unmatched_exits || stats.open_at_end)) {
		fprintf(stderr, "kcov-ext: %s: without symbols no exit can be told from another, so frames a longjmp or an exception left cannot be found: %llu exits without an open entry, %llu frames open at the end (name the functions with the load map, --exe or --system-map)\n",
			cli.file, (unsigned long long)stats.unmatched_exits,
			(unsigned long long)stats.open_at_end);
		status = 1;
	}
	if (stats.unknown) {
		fprintf(stderr, "kcov-ext: %s: %llu records of unknown type (top nibble not 0, 1 or f): not an ext area, or corrupt\n",
			cli.file, (unsigned long long)stats.unknown);
		status = 1;
	}
	if (stats.resynced_frames)
		fprintf(stderr, "kcov-ext: %s: %llu frames left without an exit (longjmp or exceptions) were closed where later records showed them gone\n",
			cli.file, (unsigned long long)stats.resynced_frames);
	if (stats.stray) {
		fprintf(stderr, "kcov-ext: %s: %llu records lie in functions with no open frame while frames are open: code without the entry/exit hooks among code with them, or lost records; the calls around them may hang under the wrong frame\n",
			cli.file, (unsigned long long)stats.stray);
		status = 1;
	}
	if (stats.doubtful_frames) {
		fprintf(stderr, "kcov-ext: %s: %llu longjmp (or exception) landings were ambiguous (in recursion, or just after a call returned), and %llu frames contradict the guess: the calls after such a landing may hang under the wrong frame\n",
			cli.file, (unsigned long long)stats.ambiguous_landings,
			(unsigned long long)stats.doubtful_frames);
		status = 1;
	}
out:
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "kcov-ext: writing the output: %s\n", strerror(errno ? errno : EIO));
		status = 2;
	}
	cli_names_free(&cli);
	folded_free(&cli.folded);
	kcov_walk_free(cli.walk);
	kcov_area_close(&area);
	free(auto_map);
	free(cli.opt.focus);
	free(cli.opt.prune);
	if (map) {
		kcov_map_free(map);
		free(map);
	}
	kcov_symbols_free(cli.syms);
	return status;
}
