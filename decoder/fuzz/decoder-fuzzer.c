// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the area decoder and the load map parser: any
 * bytes, as a kernel or a program might leave them, must decode or be
 * rejected without a crash, a leak or an out-of-bounds access.
 *
 * The first byte picks the input: even, an area; odd, a load map. An
 * area is walked as calls, and its signal computed with K = (byte >> 1) % 65.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kcov_ext.h"

static void enter(void *ctx, uint64_t pc, unsigned int depth)
{
	(void)pc;
	*(uint64_t *)ctx += depth;
}

static void leave(void *ctx, uint64_t entry_pc, uint64_t exit_pc, unsigned int depth)
{
	*(uint64_t *)ctx ^= entry_pc ^ exit_pc ^ depth;
}

static void block(void *ctx, uint64_t pc, unsigned int depth)
{
	*(uint64_t *)ctx += pc + depth;
}

/*
 * Functions are 256 bytes long here, so that records match, mismatch and
 * resynchronise.
 */
static uint32_t function(void *ctx, uint64_t pc)
{
	(void)ctx;
	return (uint32_t)(pc >> 8) | 1;
}

static void fuzz_map(const uint8_t *data, size_t size)
{
	struct kcov_map map;
	char err[128];

	if (!kcov_map_parse((const char *)data, size, &map, err, sizeof(err))) {
		if (!map.nmodules || map.size < 2)
			__builtin_trap();
		for (size_t i = 0; i < map.nmodules; i++)
			if (map.modules[i].start >= map.modules[i].end ||
			    !map.modules[i].path[0])
				__builtin_trap();
	} else if (!memchr(err, '\0', sizeof(err))) {
		__builtin_trap();
	}
	kcov_map_free(&map);
}

/* The signal of a block depends on its call sites, not on how it is read. */
static void fuzz_signal(struct kcov_area *area, unsigned int k)
{
	struct kcov_signal *whole = kcov_signal_new(k), *split = kcov_signal_new(k);
	const uint64_t *records;
	uint64_t out[2];
	long n;

	if (!whole || !split)
		__builtin_trap();
	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0) {
		for (long i = 0; i < n; i++) {
			uint64_t one;

			/* One record at a time, and two at a time: the same. */
			if (kcov_signal_records(split, &records[i], 1, &one) != 1)
				__builtin_trap();
			if (i % 2 == 0) {
				long m = n - i < 2 ? 1 : 2;

				if (kcov_signal_records(whole, &records[i], m, out) != m)
					__builtin_trap();
			}
			if (one != out[i % 2])
				__builtin_trap();
			/* K = 0 is plain coverage. */
			if (!k && one != records[i])
				__builtin_trap();
		}
	}
	kcov_signal_free(whole);
	kcov_signal_free(split);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct kcov_walk_ops ops = {
		.enter = enter, .leave = leave, .block = block,
		.function = function,
	};
	struct kcov_walk_stats stats;
	struct kcov_area area;
	uint64_t sink = 0;

	if (!size)
		return 0;
	if (data[0] & 1) {
		fuzz_map(data + 1, size - 1);
		return 0;
	}
	if (kcov_area_from_memory(&area, data + 1, size - 1) == KCOV_AREA_EMPTY)
		return 0;
	if (kcov_walk_area(&area, &ops, &sink, &stats)) {
		kcov_area_close(&area);
		return 0;
	}
	if (stats.entries + stats.exits + stats.normal + stats.unknown != area.records)
		__builtin_trap();
	fuzz_signal(&area, (data[0] >> 1) % 65);
	kcov_area_close(&area);
	if (stats.open_at_end > stats.entries || stats.resynced_frames > stats.entries)
		__builtin_trap();
	if (stats.doubtful_frames > stats.entries)
		__builtin_trap();
	return 0;
}
