// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the area decoder: any bytes, as a kernel or a
 * program might leave them, must decode or be rejected without a crash,
 * a leak or an out-of-bounds access.
 */
#include <stddef.h>
#include <stdint.h>

#include "kcov_decode.h"

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

/* Functions are 256-byte aligned here, so that exits match and mismatch. */
static int same_function(void *ctx, uint64_t entry_pc, uint64_t exit_pc)
{
	(void)ctx;
	return entry_pc >> 8 == exit_pc >> 8;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct kcov_walk_ops ops = {
		.enter = enter, .leave = leave, .block = block,
		.same_function = same_function,
	};
	struct kcov_walk_stats stats;
	struct kcov_area area;
	uint64_t sink = 0;

	if (kcov_decode_area(data, size, &area) == KCOV_AREA_EMPTY)
		return 0;
	kcov_decode_walk(&area, &ops, &sink, &stats);
	if (stats.entries + stats.exits + stats.normal + stats.unknown != area.records)
		__builtin_trap();
	if (stats.open_at_end > stats.entries)
		__builtin_trap();
	return 0;
}
