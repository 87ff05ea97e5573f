/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcov_map: the load map kcov_rt writes beside each area it dumps
 * (AREA.map), the way sancov writes a .sancov.map beside its raw PCs.
 * A kernel area needs none: its PCs are kernel text, named by System.map.
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
#ifndef KCOV_MAP_H
#define KCOV_MAP_H

#include <stddef.h>
#include <stdint.h>

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

#endif /* KCOV_MAP_H */
