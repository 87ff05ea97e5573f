// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_decode: checks an area and replays its records as calls.
 */
#include <stdbool.h>
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

struct frame {
	uint64_t pc;
	uint32_t fn;
	bool doubt;	/* passed over by an ambiguous landing */
	bool returned;	/* a call it made returned since its last own record */
};

struct walk {
	const struct kcov_walk_ops *ops;
	void *ctx;
	struct kcov_walk_stats *stats;
	struct frame *frames;
	size_t depth, capacity;
	uint32_t prev_exit_fn;	/* the previous record was an exit of it */
};

static uint32_t function_of(struct walk *w, uint64_t pc)
{
	return w->ops->function ? w->ops->function(w->ctx, pc) : 0;
}

/* Close the innermost open frame: at EXIT_PC, or resynchronised (0). */
static void pop(struct walk *w, uint64_t exit_pc)
{
	struct frame *f = &w->frames[--w->depth];

	if (!exit_pc) {
		w->stats->resynced_frames++;
		if (f->doubt)
			w->stats->doubtful_frames++;
	}
	if (exit_pc && w->depth)
		w->frames[w->depth - 1].returned = true;
	if (w->ops->leave)
		w->ops->leave(w->ctx, f->pc, exit_pc, w->depth);
}

/* The innermost open frame of function FN, or -1. */
static long innermost_of(const struct walk *w, uint32_t fn)
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
static void resync(struct walk *w, size_t j)
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
		w->stats->ambiguous_landings++;
	while (w->depth > j + 1)
		pop(w, 0);
}

static int push(struct walk *w, uint64_t pc)
{
	if (w->depth == w->capacity) {
		size_t capacity = w->capacity ? 2 * w->capacity : 256;
		struct frame *frames = realloc(w->frames, capacity * sizeof(*frames));

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
	if (w->depth > w->stats->max_depth)
		w->stats->max_depth = w->depth;
	return 0;
}

static void walk_exit(struct walk *w, uint64_t pc)
{
	uint32_t fn, prev_exit_fn = w->prev_exit_fn;
	long j;

	w->prev_exit_fn = 0;
	if (!w->depth) {
		w->stats->unmatched_exits++;
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
		w->stats->stray++;
		return;
	}
	w->prev_exit_fn = prev_exit_fn;
	resync(w, j);
	pop(w, pc);
	w->prev_exit_fn = fn;
}

static void walk_normal(struct walk *w, uint64_t pc)
{
	uint32_t fn;
	long j;

	if (w->depth) {
		fn = function_of(w, pc);
		if (fn && w->frames[w->depth - 1].fn != fn) {
			j = innermost_of(w, fn);
			if (j < 0)
				w->stats->stray++;
			else
				resync(w, j);
		}
		w->frames[w->depth - 1].returned = false;
	}
	if (w->ops->block)
		w->ops->block(w->ctx, pc, w->depth);
}

int kcov_decode_walk(const struct kcov_area *area, const struct kcov_walk_ops *ops,
		     void *ctx, struct kcov_walk_stats *stats)
{
	struct walk w = { .ops = ops, .ctx = ctx, .stats = stats };
	int err = 0;

	memset(stats, 0, sizeof(*stats));
	for (uint64_t i = 0; i < area->records; i++) {
		uint64_t record = kcov_area_record(area, i);
		uint64_t pc = kcov_record_ip(record);
		enum kcov_record_type type = kcov_record_type(record);

		switch (type) {
		case KCOV_REC_ENTRY:
			stats->entries++;
			if (ops->enter)
				ops->enter(ctx, pc, w.depth);
			if (push(&w, pc)) {
				err = -1;
				goto out;
			}
			break;
		case KCOV_REC_EXIT:
			stats->exits++;
			walk_exit(&w, pc);
			break;
		case KCOV_REC_NORMAL:
			stats->normal++;
			walk_normal(&w, pc);
			break;
		default:
			stats->unknown++;
			break;
		}
		if (type != KCOV_REC_EXIT)
			w.prev_exit_fn = 0;
	}
out:
	stats->open_at_end = w.depth;
	for (size_t i = 0; i < w.depth; i++)
		if (w.frames[i].doubt)
			stats->doubtful_frames++;
	free(w.frames);
	return err;
}
