/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_symbols: the function a record's PC lies in, from an executable's
 * symbol table, from the objects a kcov_rt load map names (elfutils'
 * libdwfl), or from a kernel's System.map; and whether the PC is where a
 * hook records, so that symbols that do not fit a trace are refused.
 */
#ifndef KCOV_SYMBOLS_H
#define KCOV_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

struct kcov_map;
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
	uint64_t function;	/* the function's start: one per function */
	const char *name;	/* its name ("f" also for GCC's "f.cold") */
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

#endif /* KCOV_SYMBOLS_H */
