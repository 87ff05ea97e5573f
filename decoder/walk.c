// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_walk: replays records as calls, returns and covered blocks.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_ext.h"

const char *kcov_ext_version(void)
{
	return KCOV_EXT_VERSION;
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

struct kcov_walk {
	const struct kcov_walk_ops *ops;
	void *ctx;
	struct kcov_walk_stats stats;
	struct kcov_frame *frames;
	size_t depth, capacity;
	uint64_t position;
	uint32_t prev_exit_fn;	/* the previous record was an exit of it */
};

static uint32_t function_of(struct kcov_walk *w, uint64_t pc)
{
	return w->ops->function ? w->ops->function(w->ctx, pc) : 0;
}

/* Close the innermost open frame: at EXIT_PC, or resynchronised (0). */
static void pop(struct kcov_walk *w, uint64_t exit_pc)
{
	struct kcov_frame *f = &w->frames[--w->depth];

	if (!exit_pc) {
		w->stats.resynced_frames++;
		if (f->doubt)
			w->stats.doubtful_frames++;
	}
	if (exit_pc && w->depth)
		w->frames[w->depth - 1].returned = true;
	if (w->ops->leave)
		w->ops->leave(w->ctx, f->pc, exit_pc, w->depth);
}

/* The innermost open frame of function FN, or -1. */
static long innermost_of(const struct kcov_walk *w, uint32_t fn)
{
	for (size_t i = w->depth; i > 0; i--)
		if (w->frames[i - 1].fn == fn)
			return (long)(i - 1);
	return -1;
}

/*
 * A record of frame J's function arrived while frames above J were open:
 * they are gone. Other open frames of the same function could have been
 * the landing place too: mark them.
 */
static void resync(struct kcov_walk *w, size_t j)
{
	bool ambiguous = false;

	for (size_t i = 0; i < j; i++) {
		if (w->frames[i].fn == w->frames[j].fn) {
			w->frames[i].doubt = true;
			ambiguous = true;
		}
	}
	/*
	 * The record before was an exit of a function that has frames among
	 * those closed now: in recursion, that exit may have been the one of
	 * an outer frame that a longjmp had landed in, not of the frame it
	 * closed (the records cannot tell).
	 */
	for (size_t i = j + 1; w->prev_exit_fn && i < w->depth; i++) {
		if (w->frames[i].fn == w->prev_exit_fn && !w->frames[i].doubt) {
			w->frames[i].doubt = true;
			ambiguous = true;
		}
	}
	/*
	 * The innermost frame closed now saw a call return and no record of
	 * its own since: that call (and any after it) may have been made by
	 * frame J after the landing, the records cannot tell.
	 */
	if (w->depth > j + 1 && w->frames[w->depth - 1].returned &&
	    !w->frames[w->depth - 1].doubt) {
		w->frames[w->depth - 1].doubt = true;
		ambiguous = true;
	}
	if (ambiguous)
		w->stats.ambiguous_landings++;
	while (w->depth > j + 1)
		pop(w, 0);
}

static int push(struct kcov_walk *w, uint64_t pc)
{
	if (w->depth == w->capacity) {
		size_t capacity = w->capacity ? 2 * w->capacity : 256;
		struct kcov_frame *frames = realloc(w->frames, capacity * sizeof(*frames));

		if (!frames)
			return -1;
		w->frames = frames;
		w->capacity = capacity;
	}
	w->frames[w->depth].pc = pc;
	w->frames[w->depth].fn = function_of(w, pc);
	w->frames[w->depth].doubt = false;
	w->frames[w->depth].returned = false;
	w->depth++;
	if (w->depth > w->stats.max_depth)
		w->stats.max_depth = w->depth;
	return 0;
}

static void walk_exit(struct kcov_walk *w, uint64_t pc)
{
	uint32_t fn, prev_exit_fn = w->prev_exit_fn;
	long j;

	w->prev_exit_fn = 0;
	if (!w->depth) {
		w->stats.unmatched_exits++;
		return;
	}
	fn = function_of(w, pc);
	if (!fn || w->frames[w->depth - 1].fn == fn) {
		pop(w, pc);
		w->prev_exit_fn = fn;
		return;
	}
	j = innermost_of(w, fn);
	if (j < 0) {
		w->stats.stray++;
		return;
	}
	w->prev_exit_fn = prev_exit_fn;
	resync(w, j);
	pop(w, pc);
	w->prev_exit_fn = fn;
}

static void walk_normal(struct kcov_walk *w, uint64_t pc)
{
	uint32_t fn;
	long j;

	if (w->depth) {
		fn = function_of(w, pc);
		if (fn && w->frames[w->depth - 1].fn != fn) {
			j = innermost_of(w, fn);
			if (j < 0)
				w->stats.stray++;
			else
				resync(w, j);
		}
		w->frames[w->depth - 1].returned = false;
	}
	if (w->ops->block)
		w->ops->block(w->ctx, pc, w->depth);
}

struct kcov_walk *kcov_walk_new(const struct kcov_walk_ops *ops, void *ctx)
{
	struct kcov_walk *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->ops = ops;
	w->ctx = ctx;
	return w;
}

int kcov_walk_records(struct kcov_walk *w, const uint64_t *records, size_t n)
{
	const struct kcov_walk_ops *ops = w->ops;
	/* Blocks only count when nobody looks at them. */
	bool count_blocks = !ops->block && !ops->function;
	uint64_t first = w->position;

	for (size_t i = 0; i < n; i++) {
		uint64_t record = records[i];
		uint64_t pc = record & KCOV_RECORD_IP_MASK;

		if (record >= KCOV_RECORDFLAG_TYPE_NORMAL && count_blocks) {
			w->stats.normal++;
			continue;
		}
		w->position = first + i;
		switch (record >> KCOV_RECORD_TYPE_SHIFT) {
		case KCOV_RECORDFLAG_TYPE_ENTRY >> KCOV_RECORD_TYPE_SHIFT:
			w->stats.entries++;
			if (ops->enter)
				ops->enter(w->ctx, pc, w->depth);
			if (push(w, pc))
				return -1;
			w->prev_exit_fn = 0;
			break;
		case KCOV_RECORDFLAG_TYPE_EXIT >> KCOV_RECORD_TYPE_SHIFT:
			w->stats.exits++;
			walk_exit(w, pc);
			break;
		case KCOV_RECORDFLAG_TYPE_NORMAL >> KCOV_RECORD_TYPE_SHIFT:
			w->stats.normal++;
			walk_normal(w, pc);
			w->prev_exit_fn = 0;
			break;
		default:
			w->stats.unknown++;
			w->prev_exit_fn = 0;
			break;
		}
	}
	w->position = first + n;
	return 0;
}

uint64_t kcov_walk_position(const struct kcov_walk *w)
{
	return w->position;
}

const struct kcov_frame *kcov_walk_stack(const struct kcov_walk *w, size_t *depth)
{
	*depth = w->depth;
	return w->frames;
}

void kcov_walk_stats(const struct kcov_walk *w, struct kcov_walk_stats *stats)
{
	*stats = w->stats;
	stats->open_at_end = w->depth;
	for (size_t i = 0; i < w->depth; i++)
		if (w->frames[i].doubt)
			stats->doubtful_frames++;
}

void kcov_walk_free(struct kcov_walk *w)
{
	if (!w)
		return;
	free(w->frames);
	free(w);
}

int kcov_walk_area(struct kcov_area *area, const struct kcov_walk_ops *ops, void *ctx,
		   struct kcov_walk_stats *stats)
{
	struct kcov_walk *w = kcov_walk_new(ops, ctx);
	const uint64_t *records;
	long n;
	int err = 0;

	memset(stats, 0, sizeof(*stats));
	if (!w) {
		errno = ENOMEM;
		return -1;
	}
	kcov_area_rewind(area);
	while ((n = kcov_area_read(area, &records)) > 0) {
		if (kcov_walk_records(w, records, n)) {
			errno = ENOMEM;
			err = -1;
			break;
		}
	}
	if (n < 0)
		err = -1;
	kcov_walk_stats(w, stats);
	kcov_walk_free(w);
	return err;
}
