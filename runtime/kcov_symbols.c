// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_symbols: function lookup for record PCs. Executables are read with
 * elfutils (no hand-written ELF parsing); a kernel's System.map is text.
 * Both become one sorted table of function start addresses.
 */
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kcov_symbols.h"

struct kcov_symbol {
	uint64_t start, size;	/* size 0: up to the next symbol */
	char *name;
};

struct kcov_symbols {
	struct kcov_symbol *syms;
	size_t count, capacity;
	char scratch[32];
};

static struct kcov_symbols *symbols_new(void)
{
	return calloc(1, sizeof(struct kcov_symbols));
}

static int symbols_add(struct kcov_symbols *s, uint64_t start, uint64_t size,
		       const char *name)
{
	char *copy, *cold;

	if (s->count == s->capacity) {
		size_t capacity = s->capacity ? 2 * s->capacity : 1024;
		struct kcov_symbol *syms = realloc(s->syms, capacity * sizeof(*syms));

		if (!syms)
			return -1;
		s->syms = syms;
		s->capacity = capacity;
	}
	copy = strdup(name);
	if (!copy)
		return -1;
	/* GCC's "f.cold" part is f. */
	cold = strstr(copy, ".cold");
	if (cold && cold != copy)
		*cold = '\0';
	s->syms[s->count].start = start;
	s->syms[s->count].size = size;
	s->syms[s->count].name = copy;
	s->count++;
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct kcov_symbol *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static struct kcov_symbols *symbols_done(struct kcov_symbols *s, const char *path,
					 char *err, size_t err_size)
{
	if (!s->count) {
		snprintf(err, err_size, "%s: no function symbols", path);
		kcov_symbols_free(s);
		return NULL;
	}
	qsort(s->syms, s->count, sizeof(s->syms[0]), by_start);
	return s;
}

struct kcov_symbols *kcov_symbols_from_exe(const char *path, char *err, size_t err_size)
{
	static const Dwfl_Callbacks callbacks = {
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = dwfl_offline_section_address,
	};
	struct kcov_symbols *s = symbols_new();
	Dwfl *dwfl = dwfl_begin(&callbacks);
	Dwfl_Module *mod;
	int n;

	if (!s || !dwfl) {
		snprintf(err, err_size, "%s: out of memory", path);
		goto fail;
	}
	mod = dwfl_report_offline(dwfl, path, path, -1);
	if (!mod || dwfl_report_end(dwfl, NULL, NULL)) {
		snprintf(err, err_size, "%s: not an ELF file elfutils can read: %s",
			 path, dwfl_errmsg(-1));
		goto fail;
	}
	n = dwfl_module_getsymtab(mod);
	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL,
							   NULL, NULL);

		/* st_value: the link-time address, which records hold. */
		if (!name || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		if (symbols_add(s, sym.st_value, sym.st_size, name)) {
			snprintf(err, err_size, "%s: out of memory", path);
			goto fail;
		}
	}
	dwfl_end(dwfl);
	return symbols_done(s, path, err, err_size);
fail:
	if (dwfl)
		dwfl_end(dwfl);
	kcov_symbols_free(s);
	return NULL;
}

struct kcov_symbols *kcov_symbols_from_system_map(const char *path, char *err,
						  size_t err_size)
{
	struct kcov_symbols *s = symbols_new();
	FILE *in = fopen(path, "r");
	char line[1024], name[512], type;
	unsigned long long addr;
	unsigned long lineno = 0;

	if (!s || !in) {
		snprintf(err, err_size, "%s: cannot open", path);
		if (in)
			fclose(in);
		kcov_symbols_free(s);
		return NULL;
	}
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		if (sscanf(line, "%llx %c %511s", &addr, &type, name) != 3) {
			snprintf(err, err_size, "%s:%lu: not a System.map line", path, lineno);
			fclose(in);
			kcov_symbols_free(s);
			return NULL;
		}
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (symbols_add(s, addr, 0, name)) {
			snprintf(err, err_size, "%s: out of memory", path);
			fclose(in);
			kcov_symbols_free(s);
			return NULL;
		}
	}
	fclose(in);
	return symbols_done(s, path, err, err_size);
}

struct kcov_symbols *kcov_symbols_none(void)
{
	return symbols_new();
}

void kcov_symbols_free(struct kcov_symbols *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->count; i++)
		free(s->syms[i].name);
	free(s->syms);
	free(s);
}

uint64_t kcov_symbols_function(struct kcov_symbols *s, uint64_t pc, const char **name)
{
	/* The call before the return address: pc - 1 is inside it. */
	uint64_t addr = pc - 1;
	size_t lo = 0, hi = s->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->syms[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		const struct kcov_symbol *sym = &s->syms[lo - 1];

		if (!sym->size || addr < sym->start + sym->size) {
			*name = sym->name;
			return sym->start;
		}
	}
	snprintf(s->scratch, sizeof(s->scratch), "0x%llx", (unsigned long long)pc);
	*name = s->scratch;
	return pc;
}
