// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_map: parse the load map beside a kcov_rt area. The format is
 * strict: an unknown key, a missing field or a number out of range is an
 * error, so that a map of another version is never half understood.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_ext.h"

/* A number (0x for hex) that ends at the next space or the end of LINE. */
static int parse_u64(const char **p, uint64_t *value)
{
	const char *s = *p;
	uint64_t v = 0;
	int base = 10, digits = 0;

	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	for (;; s++, digits++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (!digits || (*s && *s != ' '))
		return -1;
	*value = v;
	*p = *s ? s + 1 : s;
	return 0;
}

/* A word up to the next space; hex digits only, or "-". */
static int parse_build_id(const char **p, char **build_id)
{
	const char *s = *p, *end = strchr(s, ' ');
	size_t len = end ? (size_t)(end - s) : strlen(s);

	*build_id = NULL;
	if (len == 1 && *s == '-') {
		*p = s + len + (end != NULL);
		return 0;
	}
	if (!len || len % 2 || len > 128 || strspn(s, "0123456789abcdef") < len)
		return -1;
	*build_id = strndup(s, len);
	if (!*build_id)
		return -1;
	*p = s + len + (end != NULL);
	return 0;
}

static int parse_module(const char *s, struct kcov_map *map)
{
	struct kcov_map_module *m;

	if (map->nmodules == KCOV_MAP_MAX_MODULES)
		return -1;
	m = realloc(map->modules, (map->nmodules + 1) * sizeof(*m));
	if (!m)
		return -1;
	map->modules = m;
	m = &map->modules[map->nmodules];
	memset(m, 0, sizeof(*m));
	if (parse_u64(&s, &m->bias) || parse_u64(&s, &m->start) ||
	    parse_u64(&s, &m->end) || m->start >= m->end || parse_build_id(&s, &m->build_id))
		goto fail;
	if (!*s)
		goto fail;
	m->path = strdup(s);
	if (!m->path)
		goto fail;
	map->nmodules++;
	return 0;
fail:
	free(m->build_id);
	return -1;
}

int kcov_map_parse(const char *text, size_t len, struct kcov_map *map, char *err,
		   size_t err_size)
{
	unsigned int seen = 0;
	unsigned long lineno = 0;
	const char *p = text, *end = text + len;
	char line[4096];

	memset(map, 0, sizeof(*map));
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *s = line;
		int bad;

		lineno++;
		if (!nl) {
			snprintf(err, err_size, "line %lu: no newline at the end", lineno);
			return -1;
		}
		if (n >= sizeof(line) || memchr(p, '\0', n)) {
			snprintf(err, err_size, "line %lu: too long or not text", lineno);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl + 1;
		if (lineno == 1) {
			if (strcmp(line, "kcov-ext-map 1")) {
				snprintf(err, err_size, "line 1: not \"kcov-ext-map 1\"");
				return -1;
			}
			continue;
		}
		if (!strncmp(s, "mode ", 5)) {
			bad = strcmp(s + 5, "ext") && strcmp(s + 5, "classic");
			map->ext = !strcmp(s + 5, "ext");
			seen |= 1;
		} else if (!strncmp(s, "size ", 5)) {
			s += 5;
			bad = parse_u64(&s, &map->size) || *s || map->size < 2;
			seen |= 2;
		} else if (!strncmp(s, "pid ", 4)) {
			s += 4;
			bad = parse_u64(&s, &map->pid) || *s;
		} else if (!strncmp(s, "tid ", 4)) {
			s += 4;
			bad = parse_u64(&s, &map->tid) || *s;
		} else if (!strncmp(s, "exe-bias ", 9)) {
			s += 9;
			bad = parse_u64(&s, &map->exe_bias) || *s;
			seen |= 4;
		} else if (!strncmp(s, "module ", 7)) {
			bad = parse_module(s + 7, map);
		} else {
			bad = 1;
		}
		if (bad) {
			snprintf(err, err_size, "line %lu: not a valid map line", lineno);
			return -1;
		}
	}
	if (!lineno) {
		snprintf(err, err_size, "empty");
		return -1;
	}
	if (seen != 7 || !map->nmodules) {
		snprintf(err, err_size, "incomplete: mode, size, exe-bias and a module are needed");
		return -1;
	}
	return 0;
}

void kcov_map_free(struct kcov_map *map)
{
	for (size_t i = 0; i < map->nmodules; i++) {
		free(map->modules[i].build_id);
		free(map->modules[i].path);
	}
	free(map->modules);
	memset(map, 0, sizeof(*map));
}
