// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_decode: checks an area and replays its records as calls.
 */
#include <stdlib.h>
#include <string.h>

#include "kcov_decode.h"
#include "kcov_rt.h"

static uint64_t read_le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int kcov_decode_area(const void *data, size_t size, struct kcov_area *area)
{
	const unsigned char *bytes = data;
	uint64_t present;

	memset(area, 0, sizeof(*area));
	if (size < 8)
		return KCOV_AREA_EMPTY;
	area->claimed = read_le64(bytes);
	area->data = bytes + 8;
	present = (size - 8) / 8;
	area->trailing_bytes = (size - 8) % 8;
	/* A dump holds exactly the counted records; a raw mmap area more. */
	area->records = area->claimed < present ? area->claimed : present;
	return area->claimed > present ? KCOV_AREA_TRUNCATED : KCOV_AREA_OK;
}

uint64_t kcov_area_record(const struct kcov_area *area, uint64_t i)
{
	return read_le64(area->data + i * 8);
}

enum kcov_record_type kcov_record_type(uint64_t record)
{
	switch (record & KCOV_RECORDFLAG_TYPEMASK) {
	case KCOV_RECORDFLAG_TYPE_ENTRY:
		return KCOV_REC_ENTRY;
	case KCOV_RECORDFLAG_TYPE_EXIT:
		return KCOV_REC_EXIT;
	case KCOV_RECORDFLAG_TYPE_NORMAL:
		return KCOV_REC_NORMAL;
	default:
		return KCOV_REC_UNKNOWN;
	}
}

uint64_t kcov_record_ip(uint64_t record)
{
	return record & KCOV_RECORD_IP_MASK;
}

static int same_function(const struct kcov_walk_ops *ops, void *ctx,
			 uint64_t entry_pc, uint64_t exit_pc)
{
	return ops->same_function ? ops->same_function(ctx, entry_pc, exit_pc) : 1;
}

/* Close the innermost open entry. */
static void leave(const struct kcov_walk_ops *ops, void *ctx, uint64_t *stack,
		  unsigned int *depth, uint64_t exit_pc)
{
	(*depth)--;
	if (ops->leave)
		ops->leave(ctx, *depth < KCOV_WALK_MAX_DEPTH ? stack[*depth] : 0,
			   exit_pc, *depth);
}

void kcov_decode_walk(const struct kcov_area *area, const struct kcov_walk_ops *ops,
		      void *ctx, struct kcov_walk_stats *stats)
{
	uint64_t *stack = malloc(KCOV_WALK_MAX_DEPTH * sizeof(*stack));
	unsigned int depth = 0;

	memset(stats, 0, sizeof(*stats));
	if (!stack)
		abort();

	for (uint64_t i = 0; i < area->records; i++) {
		uint64_t record = kcov_area_record(area, i);
		uint64_t pc = kcov_record_ip(record);
		unsigned int match;

		switch (kcov_record_type(record)) {
		case KCOV_REC_ENTRY:
			stats->entries++;
			if (ops->enter)
				ops->enter(ctx, pc, depth);
			if (depth < KCOV_WALK_MAX_DEPTH)
				stack[depth] = pc;
			depth++;
			if (depth > stats->max_depth)
				stats->max_depth = depth;
			break;
		case KCOV_REC_EXIT:
			stats->exits++;
			if (depth > KCOV_WALK_MAX_DEPTH) {
				/* Too deep to have tracked its entry: trust it. */
				leave(ops, ctx, stack, &depth, pc);
				break;
			}
			/* The innermost open entry this exit belongs to. */
			match = depth;
			while (match > 0 && !same_function(ops, ctx, stack[match - 1], pc))
				match--;
			if (!match) {
				stats->unmatched_exits++;
				break;
			}
			while (depth > match) {
				stats->unwound_frames++;
				leave(ops, ctx, stack, &depth, 0);
			}
			leave(ops, ctx, stack, &depth, pc);
			break;
		case KCOV_REC_NORMAL:
			stats->normal++;
			if (ops->block)
				ops->block(ctx, pc, depth);
			break;
		default:
			stats->unknown++;
			break;
		}
	}
	stats->open_at_end = depth;
	free(stack);
}
