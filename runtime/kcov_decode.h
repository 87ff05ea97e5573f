/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_decode: turn a KCOV_TRACE_PC_EXT area into calls.
 *
 * An area is what the kernel's kcov mmap area or kcov_rt_dump() holds: a
 * little-endian u64 count, then that many u64 records. kcov_decode_area()
 * checks it and reports what is wrong; kcov_decode_walk() replays the
 * records as calls, returns and covered PCs, recovering from exits that do
 * not match the innermost open entry (longjmp, exceptions, a lost record).
 */
#ifndef KCOV_DECODE_H
#define KCOV_DECODE_H

#include <stddef.h>
#include <stdint.h>

enum kcov_record_type {
	KCOV_REC_ENTRY,
	KCOV_REC_EXIT,
	KCOV_REC_NORMAL,
	KCOV_REC_UNKNOWN,
};

struct kcov_area {
	const unsigned char *data;	/* the records, little-endian u64 */
	uint64_t claimed;		/* area[0] as written */
	uint64_t records;		/* records actually present */
	size_t trailing_bytes;		/* bytes after the last whole record */
};

/* Problems with an area, as counted by kcov_decode_area(). */
enum kcov_area_error {
	KCOV_AREA_OK = 0,
	KCOV_AREA_EMPTY,		/* no count word at all */
	KCOV_AREA_TRUNCATED,		/* count claims more records than present */
};

int kcov_decode_area(const void *data, size_t size, struct kcov_area *area);
uint64_t kcov_area_record(const struct kcov_area *area, uint64_t i);
enum kcov_record_type kcov_record_type(uint64_t record);
uint64_t kcov_record_ip(uint64_t record);

struct kcov_walk_ops {
	/* A function was entered at PC; depth is its depth, from 0. */
	void (*enter)(void *ctx, uint64_t pc, unsigned int depth);
	/* The innermost function returned, at PC. */
	void (*leave)(void *ctx, uint64_t entry_pc, uint64_t exit_pc, unsigned int depth);
	/* A block at PC ran inside the innermost open function (or none). */
	void (*block)(void *ctx, uint64_t pc, unsigned int depth);
	/*
	 * Whether an exit at EXIT_PC belongs to the function entered at
	 * ENTRY_PC (same symbol); NULL: always.
	 */
	int (*same_function)(void *ctx, uint64_t entry_pc, uint64_t exit_pc);
};

struct kcov_walk_stats {
	uint64_t entries, exits, normal, unknown;
	uint64_t unmatched_exits;	/* exits that closed no open entry */
	uint64_t unwound_frames;	/* entries closed by an outer exit */
	uint64_t open_at_end;		/* entries never closed */
	unsigned int max_depth;
};

#define KCOV_WALK_MAX_DEPTH 65536

/*
 * Replay the records of AREA. An exit that does not belong to the
 * innermost open entry closes the innermost entry it does belong to, and
 * every entry above it ("unwound": longjmp or an exception left them
 * without an exit); one that belongs to none is counted and skipped.
 * Entries deeper than KCOV_WALK_MAX_DEPTH are counted but not tracked.
 */
void kcov_decode_walk(const struct kcov_area *area, const struct kcov_walk_ops *ops,
		      void *ctx, struct kcov_walk_stats *stats);

#endif /* KCOV_DECODE_H */
