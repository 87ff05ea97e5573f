/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GCC's split-off function parts: with -freorder-blocks-and-partition,
 * GCC moves a function's unlikely blocks into a part of their own, named
 * "NAME.cold" or "NAME.cold.N". That part is NAME: its blocks' records
 * belong to NAME's frame, and it has no entry hook of its own. The
 * decoder, the shadow-stack checker and objcheck all decide "is this a
 * cold part, and of which function" here.
 */
#ifndef KCOV_COLD_H
#define KCOV_COLD_H

#include <stddef.h>
#include <string.h>

/*
 * The length of NAME when @name is "NAME.cold" or "NAME.cold.N"
 * (NAME not empty, N decimal digits), else 0.
 */
static inline size_t kcov_cold_base_len(const char *name)
{
	const char *p = name;

	while ((p = strstr(p, ".cold"))) {
		const char *q = p + 5;

		if (*q == '.' && q[1] >= '0' && q[1] <= '9') {
			do
				q++;
			while (*q >= '0' && *q <= '9');
		}
		if (*q == '\0')
			return p == name ? 0 : (size_t)(p - name);
		p++;
	}
	return 0;
}

#endif /* KCOV_COLD_H */
