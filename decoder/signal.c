// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_signal: each record's PC hashed with its K innermost call sites.
 *
 * The context of a frame is a rolling polynomial hash of the call sites
 * of the K innermost frames, kept per frame, so that an entry or an exit
 * costs O(1) whatever K is, and a block is one XOR: the signal of a
 * record is the record XOR its frame's (multiplied-out) context. The
 * records keep their type nibble, so an entry and a block at one PC
 * differ.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_ext.h"

/* An odd base for the rolling hash, and a multiplier that spreads it. */
#define BASE	0x9e3779b97f4a7c15ULL
#define SPREAD	0xff51afd7ed558ccdULL

/*
 * frames[] has PAD zeroed frames below frames[0], so that
 * frames[depth - k] needs no test for depth < k: a site of 0 drops nothing.
 */
#define PAD	64

struct signal_frame {
	uint64_t hash;		/* the caller's context hash */
	uint64_t block;		/* the caller's block: the call site */
};

struct kcov_signal {
	unsigned int k;
	uint64_t base_k;	/* BASE^K: what a site K frames out weighs */
	uint64_t hash;
	uint64_t block;		/* the current block, as of the last exit */
	uint64_t prev;		/* the last record of the previous chunk */
	struct signal_frame *frames;	/* frames[i]: what depth i + 1 saved */
	size_t depth, capacity;
};

static int grow(struct kcov_signal *s);

struct kcov_signal *kcov_signal_new(unsigned int k)
{
	struct kcov_signal *s;

	if (k > 64) {
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->k = k;
	s->base_k = 1;
	for (unsigned int i = 0; i < k; i++)
		s->base_k *= BASE;
	if (grow(s)) {
		free(s);
		return NULL;
	}
	return s;
}

void kcov_signal_reset(struct kcov_signal *s)
{
	s->depth = 0;
	s->hash = s->block = s->prev = 0;
}

void kcov_signal_free(struct kcov_signal *s)
{
	if (!s)
		return;
	free(s->frames ? s->frames - PAD : NULL);
	free(s);
}

static int grow(struct kcov_signal *s)
{
	size_t capacity = s->capacity ? 2 * s->capacity : 64;
	struct signal_frame *base = s->frames ? s->frames - PAD : NULL;

	base = realloc(base, (PAD + capacity) * sizeof(*base));
	if (!base)
		return -1;
	if (!s->frames)
		memset(base, 0, PAD * sizeof(*base));
	s->frames = base + PAD;
	s->capacity = capacity;
	return 0;
}

/* Record types by value: no shift needed to tell them. */
#define EXIT_MIN	KCOV_RECORDFLAG_TYPE_EXIT
#define EXIT_END	(KCOV_RECORDFLAG_TYPE_EXIT + (1ULL << KCOV_RECORD_TYPE_SHIFT))

/* The block that is current after record PREV: after an exit, the caller's. */
static uint64_t current_block(uint64_t prev, uint64_t block)
{
	return prev >= EXIT_MIN && prev < EXIT_END ? block : prev;
}

/*
 * The hot loop keeps the context and the depth in registers; a block
 * record is one XOR and a store. The current block (the call site of the
 * next entry) is the record before, unless that was an exit: then it is
 * the block the returning frame was called from. The context of depth D
 * hashes the call sites of depths D-K+1..D, site d weighing BASE^(D-d):
 * entering multiplies by BASE, adds the new site and drops the one K out.
 */
long kcov_signal_records(struct kcov_signal *s, const uint64_t *records, size_t n,
			 uint64_t *out)
{
	/* out[k]: the frame whose site a new frame pushes out of the window */
	struct signal_frame *frames = s->frames, *out_k = frames - s->k;
	uint64_t hash = s->hash, block = s->block, ctx = hash * SPREAD;
	uint64_t base_k = s->base_k;
	size_t depth = s->depth, capacity = s->capacity;

	for (size_t i = 0; i < n; i++) {
		uint64_t r = records[i];

		if (__builtin_expect(r >= KCOV_RECORDFLAG_TYPE_NORMAL, 1)) {
			out[i] = r ^ ctx;
		} else if (r < EXIT_MIN) {
			uint64_t site = current_block(i ? records[i - 1] : s->prev, block);

			if (depth == capacity) {
				s->depth = depth;
				if (grow(s))
					return -1;
				frames = s->frames;
				out_k = frames - s->k;
				capacity = s->capacity;
			}
			frames[depth].hash = hash;
			frames[depth].block = site;
			hash = hash * BASE + site - out_k[depth].block * base_k;
			depth++;
			ctx = hash * SPREAD;
			out[i] = r ^ ctx;
		} else {
			out[i] = r ^ ctx;
			if (r >= EXIT_END)
				continue;
			if (depth) {
				depth--;
				hash = frames[depth].hash;
				block = frames[depth].block;
				ctx = hash * SPREAD;
			} else {
				/* A call made before the trace began: same block. */
				block = current_block(i ? records[i - 1] : s->prev, block);
			}
		}
	}
	if (n)
		s->prev = records[n - 1];
	s->hash = hash;
	s->block = block;
	s->depth = depth;
	return (long)n;
}
