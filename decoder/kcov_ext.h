/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_decode: turn a KCOV_TRACE_PC_EXT area into calls.
 *
 * An area is what the kernel's kcov mmap area or kcov_rt_dump() holds: a
 * little-endian u64 count, then that many u64 records. kcov_decode_area()
 * checks it and reports what is wrong; kcov_decode_walk() replays the
 * records as calls, returns and covered PCs, resynchronising when records
 * show that frames were left without an exit (longjmp, exceptions).
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
	/*
	 * The innermost function returned, at EXIT_PC; 0 when the walk closed
	 * it without an exit (resynchronised: see kcov_decode_walk()).
	 */
	void (*leave)(void *ctx, uint64_t entry_pc, uint64_t exit_pc, unsigned int depth);
	/* A block at PC ran inside the innermost open function (or none). */
	void (*block)(void *ctx, uint64_t pc, unsigned int depth);
	/*
	 * The function a record's PC lies in, as a number that is the same
	 * for every PC of one function and never 0; NULL when unknown (no
	 * symbols): every exit then closes the innermost open entry.
	 */
	uint32_t (*function)(void *ctx, uint64_t pc);
};

struct kcov_walk_stats {
	uint64_t entries, exits, normal, unknown;
	/* exits at depth 0: of calls made before the trace began */
	uint64_t unmatched_exits;
	/*
	 * Frames closed without their exit because a later record proved
	 * them gone (longjmp, an exception without cleanups).
	 */
	uint64_t resynced_frames;
	/*
	 * Resynchronisations that landed in a function with more than one
	 * open frame (recursion): the walk took the innermost.
	 */
	uint64_t ambiguous_landings;
	/*
	 * Frames an ambiguous landing passed over that a later record showed
	 * gone, or that were still open at the end: that landing was
	 * probably deeper than the frame the walk took, and the records in
	 * between hang under the wrong frame.
	 */
	uint64_t doubtful_frames;
	/*
	 * Normal records and exits in a function with no open frame while
	 * frames are open: code without entry/exit hooks among code with
	 * them, or records from a different program than the symbols.
	 */
	uint64_t stray;
	uint64_t open_at_end;		/* entries never closed */
	unsigned int max_depth;
};

/*
 * Replay the records of AREA (every call depth; -1 if out of memory).
 *
 * A frame that longjmp or an exception left without an exit is closed
 * (resynchronised) by the first record that proves it gone: a normal
 * record in an outer open frame's function, or an exit of an outer open
 * frame. With several open frames of that function, the innermost is
 * taken, and the frames passed over are watched (doubtful_frames).
 */
int kcov_decode_walk(const struct kcov_area *area, const struct kcov_walk_ops *ops,
		     void *ctx, struct kcov_walk_stats *stats);

#endif /* KCOV_DECODE_H */
