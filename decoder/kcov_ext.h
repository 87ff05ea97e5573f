/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libkcov-ext: read KCOV_TRACE_PC_EXT areas as calls.
 *
 * An area is what the kernel's kcov mmap area or kcov_rt_dump() holds: a
 * little-endian u64 count, then that many u64 records (kcov_record.h).
 * The library reads it in chunks (kcov_area_*), replays its records as
 * calls, returns and covered blocks with their call stack (kcov_walk_*),
 * names the functions from the objects a kcov_rt load map lists, an
 * executable or a kernel's System.map (kcov_map_*, kcov_symbols_*), and
 * computes a context-sensitive coverage signal for fuzzers (kcov_signal_*).
 * Memory is bounded by the call depth and the distinct PCs, not by the
 * area. No function aborts: failures are return values.
 *
 * Link with pkg-config's kcov-ext, or CMake's find_package(kcov-ext)
 * and the target kcov-ext::kcov-ext (shared) or kcov-ext::kcov-ext-static.
 */
#ifndef KCOV_EXT_H
#define KCOV_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kcov_record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR". */
const char *kcov_ext_version(void);

/* Records. */

enum kcov_record_type {
	KCOV_REC_ENTRY,
	KCOV_REC_EXIT,
	KCOV_REC_NORMAL,
	KCOV_REC_UNKNOWN,
};

enum kcov_record_type kcov_record_type(uint64_t record);
/* An ext record's PC, without its type byte (kcov_symbols_* restore kernel PCs). */
uint64_t kcov_record_ip(uint64_t record);

/* Areas, read in chunks. */

struct kcov_area {
	uint64_t claimed;		/* area[0] as written */
	uint64_t records;		/* records present, at most claimed */
	uint64_t slots;			/* whole words after the count */
	size_t trailing_bytes;		/* bytes after the last whole word */
	/* private */
	int fd;
	const unsigned char *mem;
	uint64_t next;
	uint64_t *buf;
};

/* Problems with an area, as kcov_area_open() and _from_memory() see them. */
enum kcov_area_error {
	KCOV_AREA_OK = 0,
	KCOV_AREA_EMPTY,		/* no count word at all */
	KCOV_AREA_TRUNCATED,		/* count claims more records than present */
	KCOV_AREA_IO = -1,		/* cannot open or read: see errno */
};

/*
 * Open the area in PATH ("-": standard input, which is copied to a
 * temporary file first if it is a pipe). Returns an enum kcov_area_error;
 * on KCOV_AREA_OK and KCOV_AREA_TRUNCATED the area can be read (the
 * records present), and must be closed.
 */
int kcov_area_open(struct kcov_area *area, const char *path);
/* The same for an area of SIZE bytes at DATA, which must stay valid. */
int kcov_area_from_memory(struct kcov_area *area, const void *data, size_t size);
/*
 * The next chunk of records, in host order: their number, 0 at the end,
 * or -1 (errno set) on a read error or out of memory. The chunk is valid
 * until the next call.
 */
long kcov_area_read(struct kcov_area *area, const uint64_t **records);
/* Start reading from the first record again. */
void kcov_area_rewind(struct kcov_area *area);
void kcov_area_close(struct kcov_area *area);

/* Walks: records as calls. */

struct kcov_walk;

struct kcov_walk_ops {
	/* A function was entered at PC; DEPTH is its depth, from 0. */
	void (*enter)(void *ctx, uint64_t pc, unsigned int depth);
	/*
	 * The innermost function (entered at ENTRY_PC) returned, at EXIT_PC;
	 * 0 when the walk closed it without an exit (resynchronised). DEPTH
	 * is the depth it had.
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
	 * them gone (longjmp, an exception without cleanups): a normal
	 * record in an outer open frame's function, or an exit of one.
	 */
	uint64_t resynced_frames;
	/*
	 * Resynchronisations that landed in a function with more than one
	 * open frame (recursion), or just after a call returned: the walk
	 * took the innermost.
	 */
	uint64_t ambiguous_landings;
	/*
	 * Frames an ambiguous landing passed over that a later record showed
	 * gone, or that were still open at the end: that landing was
	 * probably elsewhere, and the records in between hang under the
	 * wrong frame.
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

/* An open frame of a walk's call stack. */
struct kcov_frame {
	uint64_t pc;		/* its entry record's PC */
	uint32_t fn;		/* ops->function(pc), or 0 */
	bool doubt;		/* passed over by an ambiguous landing */
	bool returned;		/* a call it made returned since its own last record */
};

/* A walk calling OPS with CTX; NULL when out of memory. */
struct kcov_walk *kcov_walk_new(const struct kcov_walk_ops *ops, void *ctx);
/* Replay N records (of a chunk, in order); -1 when out of memory. */
int kcov_walk_records(struct kcov_walk *walk, const uint64_t *records, size_t n);
/* The index of the record being replayed (in a callback), or replayed next. */
uint64_t kcov_walk_position(const struct kcov_walk *walk);
/* The open frames, outermost first; *DEPTH of them. */
const struct kcov_frame *kcov_walk_stack(const struct kcov_walk *walk, size_t *depth);
/* Counts so far, with the frames still open counted as open at the end. */
void kcov_walk_stats(const struct kcov_walk *walk, struct kcov_walk_stats *stats);
void kcov_walk_free(struct kcov_walk *walk);

/* Replay every record of AREA: 0, or -1 (errno: read error, ENOMEM). */
int kcov_walk_area(struct kcov_area *area, const struct kcov_walk_ops *ops, void *ctx,
		   struct kcov_walk_stats *stats);

/*
 * Load maps: the text file kcov_rt writes beside each area it dumps
 * (AREA.map), the way sancov writes a .sancov.map beside its raw PCs. A
 * kernel area needs none: its PCs are kernel text, named by System.map.
 *
 *   kcov-ext-map 1
 *   mode ext                      ext or classic: how the area was recorded
 *   size 1048576                  the area's size in words, area[0] included
 *   pid 1234                      the process, and the thread that recorded
 *   tid 1236
 *   exe-bias 0x555555554000       subtracted from every PC before recording
 *   module BIAS START END BUILD-ID PATH
 *
 * One "module" line per object that was mapped while the area recorded:
 * BIAS is its load bias (dlpi_addr), START and END bound its PT_LOAD
 * segments at run time, BUILD-ID is hex or "-", PATH runs to the end of the
 * line. The first module is the executable.
 */

#define KCOV_MAP_MAX_MODULES	4096

struct kcov_map_module {
	uint64_t bias, start, end;	/* at run time; END exclusive */
	char *build_id;			/* hex, or NULL */
	char *path;
};

struct kcov_map {
	int ext;			/* 1: ext records, 0: classic */
	uint64_t size;			/* area words, area[0] included */
	uint64_t pid, tid;
	uint64_t exe_bias;
	struct kcov_map_module *modules;
	size_t nmodules;
};

/*
 * Parse TEXT (LEN bytes) into MAP. Returns 0, or -1 with a message
 * ("line N: ...") in ERR. kcov_map_free() releases what a parse filled,
 * also after a failure.
 */
int kcov_map_parse(const char *text, size_t len, struct kcov_map *map, char *err,
		   size_t err_size);
void kcov_map_free(struct kcov_map *map);

/*
 * Symbols: the function a record's PC lies in, from an executable's symbol
 * table, from the objects of a load map (elfutils' libdwfl), or from a
 * kernel's System.map; and whether the PC is where a hook records, so that
 * symbols that do not fit a trace are refused.
 */

struct kcov_symbols;

/* Each returns NULL and a message in ERR (of ERR_SIZE bytes) on failure. */
struct kcov_symbols *kcov_symbols_from_exe(const char *path, char *err, size_t err_size);
/*
 * The objects of MAP, EXE instead of its first (when not NULL); an object
 * whose build ID differs from the map's is an error.
 */
struct kcov_symbols *kcov_symbols_from_map(const struct kcov_map *map, const char *exe,
					   char *err, size_t err_size);
struct kcov_symbols *kcov_symbols_from_system_map(const char *path, char *err,
						  size_t err_size);
void kcov_symbols_free(struct kcov_symbols *syms);

/* How a record's PC fits the symbols. */
enum kcov_pc_fit {
	KCOV_PC_CALL,		/* just after a call to a hook, in a function */
	KCOV_PC_START,		/* a function's first byte (-finstrument-functions) */
	KCOV_PC_FUNCTION,	/* in a function; no code at hand to check more */
	KCOV_PC_NOT_CALL,	/* in a function, but not just after a hook call */
	KCOV_PC_NO_FUNCTION,	/* in no function of any object */
};

struct kcov_pc_info {
	uint64_t address;	/* where the PC lies at run time (kernel: top byte back) */
	uint64_t function;	/* the function's start: one per function */
	const char *name;	/* its name ("f" also for GCC's "f.cold"), mangled */
	enum kcov_pc_fit fit;
	/* Why the object the PC lies in could not be read, or NULL. */
	const char *unavailable;
};

/*
 * Look up a record's PC. A hook records its return address, so the
 * function is the one containing PC - 1; the -finstrument-functions hooks
 * record the function's own address, which is the one PC that names the
 * function starting there.
 */
void kcov_symbols_lookup(struct kcov_symbols *syms, uint64_t pc, struct kcov_pc_info *info);
/*
 * The source line of the hook call that recorded PC (from DWARF): 0 and
 * *FILE, *LINE set, or -1 when unknown (no debug information, System.map).
 * *FILE stays valid until kcov_symbols_free().
 */
int kcov_symbols_source(struct kcov_symbols *syms, uint64_t pc, const char **file, int *line);

/*
 * The context-sensitive coverage signal: for each record, a hash of its
 * PC with the K innermost call sites of its frame. A call site is the
 * caller's block (its last record) when the callee's entry record came,
 * so two calls of one function from different blocks are different
 * contexts. K = 0 gives plain PC coverage (the signal is the record);
 * outside any recorded call the context is empty. Exits at depth 0 (of
 * calls made before the trace began) leave the context empty. Entries and
 * exits are trusted as they come: a longjmp's skipped frames stay in the
 * context until their caller's exit (kcov_walk_* resynchronises, with
 * symbols).
 */

struct kcov_signal;

/* A signal walk over K call sites (K <= 64); NULL when out of memory. */
struct kcov_signal *kcov_signal_new(unsigned int k);
/*
 * Write the signal of N records (of a chunk, in order) to OUT[0..N-1];
 * returns N, or -1 when out of memory (the call stack grows by doubling).
 */
long kcov_signal_records(struct kcov_signal *signal, const uint64_t *records, size_t n,
			 uint64_t *out);
/* Forget the call stack: the next record starts a new trace. */
void kcov_signal_reset(struct kcov_signal *signal);
void kcov_signal_free(struct kcov_signal *signal);

#ifdef __cplusplus
}
#endif

#endif /* KCOV_EXT_H */
