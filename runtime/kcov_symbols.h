/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_symbols: the function a record's PC lies in, from an executable's
 * symbol table (elfutils' libdwfl) or from a kernel's System.map.
 */
#ifndef KCOV_SYMBOLS_H
#define KCOV_SYMBOLS_H

#include <stdint.h>

struct kcov_symbols;

/* NULL and a message in ERR (of ERR_SIZE bytes) on failure. */
struct kcov_symbols *kcov_symbols_from_exe(const char *path, char *err, size_t err_size);
struct kcov_symbols *kcov_symbols_from_system_map(const char *path, char *err,
						  size_t err_size);
/* No symbols: functions are named by their entry record's PC. */
struct kcov_symbols *kcov_symbols_none(void);
void kcov_symbols_free(struct kcov_symbols *syms);

/*
 * The start address of the function containing the code just before the
 * return address PC (a record's PC is the hook's return address), or PC
 * itself when unknown; its name goes to NAME.
 */
uint64_t kcov_symbols_function(struct kcov_symbols *syms, uint64_t pc,
			       const char **name);

#endif /* KCOV_SYMBOLS_H */
