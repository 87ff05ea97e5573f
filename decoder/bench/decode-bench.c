// SPDX-License-Identifier: GPL-2.0-only
/*
 * decode-bench: how fast the decoder reads a large area, and in how much
 * memory.
 *
 *   decode-bench DIR KCOV_EXT [--records N] [--old KCOV_EXT] [--write-only]
 *   decode-bench --signal FILE K
 *
 * The first form writes an area of N records (default 100 million) to
 * DIR/bench.area, recorded from a made-up kernel (syscalls into a fixed
 * call graph of 4,096 functions named by DIR/System.map: see make_kernel()),
 * then runs the shipped kcov-ext on it (stats, tree,
 * folded, with and without symbols) and the library's signal walk, and
 * prints records per second and peak memory (the process's maximum
 * resident set) for each: for OLD too, when given, side by side.
 *
 * --write-only writes the area and the System.map, and stops.
 *
 * The second form only runs the signal walk over FILE, for callgrind
 * (run-decode-bench counts its instructions per record).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kcov_ext.h"

#define FUNCTIONS	4096
#define FN_BASE		0xffffffff81000000ULL
#define FN_SIZE		0x400
#define MAX_DEPTH	24

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void die(const char *what)
{
	fprintf(stderr, "decode-bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void write_system_map(const char *dir)
{
	char path[4096];
	FILE *out;

	snprintf(path, sizeof(path), "%s/System.map", dir);
	out = fopen(path, "w");
	if (!out)
		die(path);
	for (unsigned int i = 0; i < FUNCTIONS; i++)
		fprintf(out, "%016llx T bench_function_%u\n",
			(unsigned long long)(FN_BASE + (uint64_t)i * FN_SIZE), i);
	fprintf(out, "%016llx T _etext\n", (unsigned long long)(FN_BASE + FUNCTIONS * FN_SIZE));
	if (fclose(out))
		die(path);
}

/*
 * A made-up kernel: a fixed call graph, each function a fixed sequence of
 * blocks and calls, each block or call taken with a fixed probability (an
 * if), some repeated (a loop). Syscalls are calls of 64 root functions, the
 * popular ones more often; so areas repeat paths as a kernel's do, and the
 * stacks are those of one call graph.
 */
#define ITEMS		12
#define ROOTS		64

struct item {
	int callee;		/* -1: a block */
	uint16_t block;		/* its offset in the function */
	uint8_t percent;	/* taken this often */
	uint8_t repeat;		/* up to this many times more (a loop) */
};

static struct item body[FUNCTIONS][ITEMS];
static unsigned int items[FUNCTIONS];

static void make_kernel(void)
{
	static const uint8_t percent[] = { 100, 100, 95, 80, 50, 20 };

	for (unsigned int f = 0; f < FUNCTIONS; f++) {
		items[f] = 2 + next() % (ITEMS - 1);
		for (unsigned int i = 0; i < items[f]; i++) {
			struct item *it = &body[f][i];
			unsigned int span = FUNCTIONS - 1 - f;

			/*
			 * Calls go to later functions: no recursion, bounded
			 * depth. 15 % of items are calls: a call makes 0.9
			 * calls on average, so a syscall makes about 10 and 75
			 * records, 14 % of them entries (Linux 6.1's syscalls:
			 * about 15 calls, 175 records, 17 % entries).
			 */
			it->callee = span && next() % 100 < 15 ? (int)(f + 1 + next() % (span < 300 ? span : 300)) : -1;
			it->block = 0x10 + 8 * i;
			it->percent = percent[next() % sizeof(percent)];
			it->repeat = next() % 10 == 0 ? next() % 8 : 0;
		}
	}
}

struct writer {
	int fd;
	uint64_t buf[1 << 16];
	size_t len;
	uint64_t done;
};

static void flush(struct writer *w)
{
	if (write(w->fd, w->buf, w->len * 8) != (ssize_t)(w->len * 8))
		die("write");
	w->len = 0;
}

static void put(struct writer *w, uint64_t record)
{
	w->buf[w->len++] = record;
	w->done++;
	if (w->len == sizeof(w->buf) / sizeof(w->buf[0]))
		flush(w);
}

static uint64_t pc(unsigned int f, unsigned int offset)
{
	return (FN_BASE + (uint64_t)f * FN_SIZE + offset) & KCOV_RECORD_IP_MASK;
}

/* One call of F at DEPTH, and what it calls. */
static void run(struct writer *w, unsigned int f, unsigned int depth)
{
	put(w, pc(f, 5) | KCOV_RECORDFLAG_TYPE_ENTRY);
	for (unsigned int i = 0; i < items[f]; i++) {
		const struct item *it = &body[f][i];
		unsigned int times = 1 + (it->repeat ? next() % (it->repeat + 1) : 0);

		while (times--) {
			if (next() % 100 >= it->percent)
				continue;
			if (it->callee < 0)
				put(w, pc(f, it->block) | KCOV_RECORDFLAG_TYPE_NORMAL);
			else if (depth + 1 < MAX_DEPTH)
				run(w, it->callee, depth + 1);
		}
	}
	put(w, pc(f, 0x3f0) | KCOV_RECORDFLAG_TYPE_EXIT);
}

/* Whole syscalls until there are at least N records; how many there are. */
static uint64_t write_area(const char *dir, uint64_t n)
{
	static struct writer w;
	char path[4096];

	snprintf(path, sizeof(path), "%s/bench.area", dir);
	w.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (w.fd < 0 || write(w.fd, &w.done, 8) != 8)
		die(path);
	make_kernel();
	while (w.done < n) {
		uint64_t r = next();
		unsigned int a = r % ROOTS, b = (r >> 20) % ROOTS;

		run(&w, a < b ? a : b, 0);
	}
	flush(&w);
	if (pwrite(w.fd, &w.done, 8, 0) != 8 || close(w.fd))
		die(path);
	return w.done;
}

/* The signal walk over FILE; returns records, XOR of the signal in *SUM. */
static uint64_t signal_walk(const char *file, unsigned int k, uint64_t *sum)
{
	static uint64_t out[1 << 17];
	struct kcov_signal *s = kcov_signal_new(k);
	struct kcov_area area;
	const uint64_t *records;
	uint64_t total = 0, x = 0;
	long n;

	if (!s)
		die("kcov_signal_new");
	if (kcov_area_open(&area, file) != KCOV_AREA_OK)
		die(file);
	while ((n = kcov_area_read(&area, &records)) > 0) {
		if (kcov_signal_records(s, records, n, out) != n)
			die("kcov_signal_records");
		for (long i = 0; i < n; i++)
			x ^= out[i];
		total += n;
	}
	if (n < 0)
		die(file);
	kcov_area_close(&area);
	kcov_signal_free(s);
	*sum = x;
	return total;
}

/* Run a kcov-ext view; its wall time and peak memory. */
static int run_view(char *const argv[], double *seconds, long *max_rss_kb)
{
	struct rusage ru;
	double start = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4");
	*seconds = now() - start;
	*max_rss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct bench {
	const char *label, *view;
	int symbols;
	const char *extra;
};

int main(int argc, char **argv)
{
	static const struct bench benches[] = {
		{ "stats", "stats", 0, NULL },
		{ "stats, System.map", "stats", 1, NULL },
		{ "stats --top 20, System.map", "stats", 1, "--top" },
		{ "tree, System.map", "tree", 1, NULL },
		{ "folded, System.map", "folded", 1, NULL },
	};
	const char *dir, *tool, *old = NULL;
	int write_only = 0;
	uint64_t n = 100000000, sum;
	char area[4096], system_map[4096];
	double t;

	if (argc == 4 && !strcmp(argv[1], "--signal")) {
		uint64_t records = signal_walk(argv[2], atoi(argv[3]), &sum);

		printf("signal: %" PRIu64 " records, xor %016" PRIx64 "\n", records, sum);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: decode-bench DIR KCOV_EXT [--records N] [--old KCOV_EXT] [--write-only]\n"
				"       decode-bench --signal FILE K\n");
		return 2;
	}
	dir = argv[1];
	tool = argv[2];
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--records") && i + 1 < argc) {
			n = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--old") && i + 1 < argc) {
			old = argv[++i];
		} else if (!strcmp(argv[i], "--write-only")) {
			write_only = 1;
		} else {
			fprintf(stderr, "decode-bench: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	snprintf(area, sizeof(area), "%s/bench.area", dir);
	snprintf(system_map, sizeof(system_map), "%s/System.map", dir);
	t = now();
	write_system_map(dir);
	n = write_area(dir, n);
	printf("decode-bench: %" PRIu64 " records (%.0f MB) written in %.1f s\n", n,
	       (n + 1) * 8 / 1e6, now() - t);
	if (write_only)
		return 0;

	printf("%-28s %14s %10s", "", "M records/s", "peak MB");
	if (old)
		printf(" %14s %10s %7s", "old M rec/s", "old MB", "speedup");
	printf("\n");
	for (unsigned int k = 0; k <= 4; k += 4) {
		struct rusage ru;

		t = now();
		signal_walk(area, k, &sum);
		t = now() - t;
		getrusage(RUSAGE_SELF, &ru);
		printf("%-28s %14.1f %10.1f\n", k ? "signal, K = 4 (library)" :
						    "signal, K = 0 (library)",
		       n / t / 1e6, ru.ru_maxrss / 1024.0);
	}
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		const struct bench *b = &benches[i];
		double secs, old_secs = 0;
		long rss, old_rss = 0;
		char *args[8];
		int ac = 0, rc, old_rc = 0;

		args[ac++] = (char *)tool;
		args[ac++] = (char *)b->view;
		args[ac++] = area;
		if (b->symbols) {
			args[ac++] = "--system-map";
			args[ac++] = system_map;
		}
		if (b->extra) {
			args[ac++] = (char *)b->extra;
			args[ac++] = "20";
		}
		args[ac] = NULL;
		rc = run_view(args, &secs, &rss);
		if (old && !b->extra) {
			args[0] = (char *)old;
			old_rc = run_view(args, &old_secs, &old_rss);
		}
		printf("%-28s %14.1f %10.1f", b->label, n / secs / 1e6, rss / 1024.0);
		if (old && !b->extra)
			printf(" %14.1f %10.1f %6.2fx", n / old_secs / 1e6, old_rss / 1024.0,
			       old_secs / secs);
		printf("\n");
		if (rc || old_rc) {
			fprintf(stderr, "decode-bench: %s exited with %d (old: %d)\n", b->label,
				rc, old_rc);
			return 1;
		}
	}
	return 0;
}
