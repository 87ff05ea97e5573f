// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_symbols: function lookup for record PCs. ELF objects are read with
 * elfutils (no hand-written ELF parsing); a kernel's System.map is text.
 * Each object becomes a module: its run-time address range, a table of
 * its functions sorted by address, and its executable sections, whose
 * bytes show whether a PC follows a call.
 */
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_cold.h"
#include "kcov_ext.h"

/* Kernel records lose the top byte of the PC to the record type. */
#define KERNEL_TOP_BYTE 0xff00000000000000ULL

struct kcov_symbol {
	uint64_t start, size;	/* size 0: up to the next symbol */
	uint64_t function;	/* start of the function it is part of */
	char *name;
	int binding;		/* SYM_GLOBAL, SYM_LOCAL or SYM_WEAK */
};

/* Ranks of a symbol's binding among aliases: lower is preferred. */
enum { SYM_GLOBAL, SYM_LOCAL, SYM_WEAK };

struct kcov_code {
	uint64_t start, size;
	const unsigned char *bytes;
};

struct kcov_module {
	uint64_t start, end;	/* run-time addresses, END exclusive */
	bool sized;		/* ELF: a symbol of size 0 covers no code */
	const char *path;
	char *unavailable;	/* why its symbols are missing, or NULL */
	struct kcov_symbol *syms;
	size_t count, capacity;
	struct kcov_code *code;	/* x86-64 objects only */
	size_t ncode;
};

struct kcov_symbols {
	Dwfl *dwfl;
	struct kcov_module *modules;
	size_t nmodules;
	uint64_t pc_offset;	/* added to a record's PC: the executable's bias */
	uint64_t pc_or;		/* or'd into it: the kernel's top byte */
	char scratch[32];
};

static struct kcov_module *add_module(struct kcov_symbols *s, uint64_t start, uint64_t end,
				      const char *path)
{
	struct kcov_module *m = realloc(s->modules, (s->nmodules + 1) * sizeof(*m));

	if (!m)
		return NULL;
	s->modules = m;
	m = &s->modules[s->nmodules++];
	memset(m, 0, sizeof(*m));
	m->start = start;
	m->end = end;
	m->path = path;
	return m;
}

static int add_symbol(struct kcov_module *m, uint64_t start, uint64_t size,
		      const char *name, int binding)
{
	if (m->count == m->capacity) {
		size_t capacity = m->capacity ? 2 * m->capacity : 1024;
		struct kcov_symbol *syms = realloc(m->syms, capacity * sizeof(*syms));

		if (!syms)
			return -1;
		m->syms = syms;
		m->capacity = capacity;
	}
	m->syms[m->count].name = strdup(name);
	if (!m->syms[m->count].name)
		return -1;
	m->syms[m->count].start = start;
	m->syms[m->count].size = size;
	m->syms[m->count].function = start;
	m->syms[m->count].binding = binding;
	m->count++;
	return 0;
}

/*
 * By address; aliases (several names for one start) in the order of
 * preference that perf uses: a sized symbol before an assembler label, a
 * strong one before a weak one, a global one before a local one, fewer
 * leading underscores, then by name. A kernel's __x64_sys_getpid (T)
 * thus names the code it shares with __do_sys_getpid (t).
 */
static int by_start(const void *a, const void *b)
{
	const struct kcov_symbol *x = a, *y = b;
	size_t ux, uy;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (!x->size != !y->size)
		return x->size ? -1 : 1;
	if (x->binding != y->binding)
		return x->binding < y->binding ? -1 : 1;
	ux = strspn(x->name, "_");
	uy = strspn(y->name, "_");
	if (ux != uy)
		return ux < uy ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_name(const void *a, const void *b)
{
	const struct kcov_symbol *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * A cold part of NAME (kcov_cold.h) is NAME, the same function for
 * matching entries and exits. Sort the table, and point each cold part at
 * the symbol NAME: looked up among the symbols that are no cold part, as
 * the parts' names become NAME too.
 */
static int finish_module(struct kcov_module *m)
{
	struct kcov_symbol **index;
	size_t functions = 0;

	qsort(m->syms, m->count, sizeof(m->syms[0]), by_start);
	index = malloc(m->count * sizeof(*index) + 1);
	if (!index)
		return -1;
	for (size_t i = 0; i < m->count; i++)
		if (!kcov_cold_base_len(m->syms[i].name))
			index[functions++] = &m->syms[i];
	qsort(index, functions, sizeof(*index), by_name);
	for (size_t i = 0; i < m->count; i++) {
		struct kcov_symbol *sym = &m->syms[i], key, *keyp = &key, **parent;
		size_t len = kcov_cold_base_len(sym->name);

		if (!len)
			continue;
		sym->name[len] = '\0';
		key.name = sym->name;
		parent = bsearch(&keyp, index, functions, sizeof(*index), by_name);
		/* No symbol NAME: the part stands alone, named NAME. */
		if (parent)
			sym->function = (*parent)->start;
	}
	free(index);
	return 0;
}

/* The executable sections of an x86-64 object, at run-time addresses. */
static int read_code(struct kcov_module *m, Dwfl_Module *mod)
{
	GElf_Addr bias;
	Elf *elf = dwfl_module_getelf(mod, &bias);
	GElf_Ehdr ehdr;
	Elf_Scn *scn = NULL;

	if (!elf || !gelf_getehdr(elf, &ehdr) || ehdr.e_machine != EM_X86_64)
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		Elf_Data *data;
		struct kcov_code *code;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_PROGBITS ||
		    !(shdr.sh_flags & SHF_EXECINSTR))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf || data->d_size != shdr.sh_size)
			continue;
		code = realloc(m->code, (m->ncode + 1) * sizeof(*code));
		if (!code)
			return -1;
		m->code = code;
		m->code[m->ncode].start = shdr.sh_addr + bias;
		m->code[m->ncode].size = shdr.sh_size;
		m->code[m->ncode].bytes = data->d_buf;
		m->ncode++;
	}
	return 0;
}

static struct kcov_symbols *symbols_new(char *err, size_t err_size)
{
	static const Dwfl_Callbacks callbacks = {
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = dwfl_offline_section_address,
	};
	struct kcov_symbols *s = calloc(1, sizeof(*s));

	if (s)
		s->dwfl = dwfl_begin(&callbacks);
	if (!s || !s->dwfl) {
		snprintf(err, err_size, "out of memory");
		kcov_symbols_free(s);
		return NULL;
	}
	dwfl_report_begin(s->dwfl);
	return s;
}

/*
 * Read the functions of the ELF file PATH loaded with bias BIAS into M.
 * BUILD_ID (hex), when given, must be the file's. Returns 0, or -1 with a
 * message in ERR.
 */
static int read_elf(struct kcov_symbols *s, struct kcov_module *m, const char *path,
		    uint64_t bias, const char *build_id, char *err, size_t err_size)
{
	Dwfl_Module *mod = dwfl_report_elf(s->dwfl, path, path, -1, bias, false);
	const unsigned char *bits;
	GElf_Addr vaddr;
	int n, len;

	if (!mod) {
		snprintf(err, err_size, "%s: not an ELF file elfutils can read: %s", path,
			 dwfl_errmsg(-1));
		return -1;
	}
	if (build_id) {
		char hex[2 * 64 + 1];

		len = dwfl_module_build_id(mod, &bits, &vaddr);
		for (int i = 0; i < len && i < 64; i++)
			snprintf(hex + 2 * i, 3, "%02x", bits[i]);
		if (len <= 0 || len > 64 || strcmp(hex, build_id)) {
			snprintf(err, err_size, "%s: build ID %s, but the area was recorded from %s",
				 path, len > 0 && len <= 64 ? hex : "(none)", build_id);
			return -1;
		}
	}
	m->sized = true;
	n = dwfl_module_getsymtab(mod);
	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL,
							   NULL);

		if (!name || !*name || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		if (add_symbol(m, addr, sym.st_size, name,
			       GELF_ST_BIND(sym.st_info) == STB_WEAK ? SYM_WEAK :
			       GELF_ST_BIND(sym.st_info) == STB_LOCAL ? SYM_LOCAL : SYM_GLOBAL))
			goto oom;
	}
	if (finish_module(m) || read_code(m, mod))
		goto oom;
	return 0;
oom:
	snprintf(err, err_size, "%s: out of memory", path);
	return -1;
}

static int by_module_start(const void *a, const void *b)
{
	const struct kcov_module *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int symbols_done(struct kcov_symbols *s, char *err, size_t err_size)
{
	dwfl_report_end(s->dwfl, NULL, NULL);
	qsort(s->modules, s->nmodules, sizeof(s->modules[0]), by_module_start);
	for (size_t i = 1; i < s->nmodules; i++) {
		if (s->modules[i].start < s->modules[i - 1].end) {
			snprintf(err, err_size, "%s and %s overlap in the load map: cannot tell which one a PC belongs to",
				 s->modules[i - 1].path, s->modules[i].path);
			return -1;
		}
	}
	return 0;
}

struct kcov_symbols *kcov_symbols_from_exe(const char *path, char *err, size_t err_size)
{
	struct kcov_symbols *s = symbols_new(err, err_size);
	struct kcov_module *m;

	if (!s)
		return NULL;
	m = add_module(s, 0, UINT64_MAX, path);
	if (!m) {
		snprintf(err, err_size, "out of memory");
		goto fail;
	}
	if (read_elf(s, m, path, 0, NULL, err, err_size))
		goto fail;
	if (!m->count) {
		snprintf(err, err_size, "%s: no function symbols (stripped?)", path);
		goto fail;
	}
	if (symbols_done(s, err, err_size))
		goto fail;
	return s;
fail:
	kcov_symbols_free(s);
	return NULL;
}

struct kcov_symbols *kcov_symbols_from_map(const struct kcov_map *map, const char *exe,
					   char *err, size_t err_size)
{
	struct kcov_symbols *s = symbols_new(err, err_size);

	if (!s)
		return NULL;
	s->pc_offset = map->exe_bias;
	for (size_t i = 0; i < map->nmodules; i++) {
		const struct kcov_map_module *mm = &map->modules[i];
		const char *path = i == 0 && exe ? exe : mm->path;
		struct kcov_module *m;
		char why[512];

		/* The vDSO and the like: no file, and never instrumented. */
		if (path[0] != '/' && !(i == 0 && exe))
			continue;
		/* The same object, listed again by a later snapshot. */
		for (size_t j = 0; j < i; j++)
			if (map->modules[j].start == mm->start && map->modules[j].end == mm->end &&
			    map->modules[j].bias == mm->bias && !strcmp(map->modules[j].path, mm->path))
				goto next;
		m = add_module(s, mm->start, mm->end, path);
		if (!m) {
			snprintf(err, err_size, "out of memory");
			goto fail;
		}
		if (!read_elf(s, m, path, mm->bias, mm->build_id, why, sizeof(why)))
			continue;
		/* Without the executable nothing can be named. */
		if (i == 0) {
			snprintf(err, err_size, "%s", why);
			goto fail;
		}
		/* A library: only the records that land in it are lost. */
		m->unavailable = strdup(why);
		if (!m->unavailable) {
			snprintf(err, err_size, "out of memory");
			goto fail;
		}
next:;
	}
	if (symbols_done(s, err, err_size))
		goto fail;
	return s;
fail:
	kcov_symbols_free(s);
	return NULL;
}

struct kcov_symbols *kcov_symbols_from_system_map(const char *path, char *err,
						  size_t err_size)
{
	struct kcov_symbols *s = symbols_new(err, err_size);
	struct kcov_module *m;
	FILE *in = NULL;
	char line[1024], name[512], type;
	unsigned long long addr;
	unsigned long lineno = 0;

	if (!s)
		return NULL;
	s->pc_or = KERNEL_TOP_BYTE;
	m = add_module(s, 0, UINT64_MAX, path);
	in = fopen(path, "r");
	if (!m || !in) {
		snprintf(err, err_size, "%s: cannot open", path);
		goto fail;
	}
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		if (sscanf(line, "%llx %c %511s", &addr, &type, name) != 3) {
			snprintf(err, err_size, "%s:%lu: not a System.map line", path, lineno);
			goto fail;
		}
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		if (add_symbol(m, addr, 0, name,
			       type == 'w' || type == 'W' ? SYM_WEAK :
			       type == 't' ? SYM_LOCAL : SYM_GLOBAL)) {
			snprintf(err, err_size, "%s: out of memory", path);
			goto fail;
		}
	}
	fclose(in);
	in = NULL;
	/* Nothing past the kernel's text: PCs in modules name no function. */
	for (size_t i = 0; i < m->count; i++)
		if (!strcmp(m->syms[i].name, "_etext") || !strcmp(m->syms[i].name, "_einittext"))
			if (m->end == UINT64_MAX || m->syms[i].start > m->end)
				m->end = m->syms[i].start;
	if (!m->count) {
		snprintf(err, err_size, "%s: no function symbols", path);
		goto fail;
	}
	if (finish_module(m)) {
		snprintf(err, err_size, "%s: out of memory", path);
		goto fail;
	}
	if (symbols_done(s, err, err_size))
		goto fail;
	return s;
fail:
	if (in)
		fclose(in);
	kcov_symbols_free(s);
	return NULL;
}

void kcov_symbols_free(struct kcov_symbols *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nmodules; i++) {
		struct kcov_module *m = &s->modules[i];

		for (size_t j = 0; j < m->count; j++)
			free(m->syms[j].name);
		free(m->syms);
		free(m->code);
		free(m->unavailable);
	}
	free(s->modules);
	if (s->dwfl)
		dwfl_end(s->dwfl);
	free(s);
}

static const struct kcov_module *module_of(const struct kcov_symbols *s, uint64_t addr)
{
	size_t lo = 0, hi = s->nmodules;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->modules[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && addr < s->modules[lo - 1].end)
		return &s->modules[lo - 1];
	return NULL;
}

/* The last symbol starting at or before ADDR, or NULL. */
static const struct kcov_symbol *symbol_at_or_before(const struct kcov_module *m,
						     uint64_t addr)
{
	size_t lo = 0, hi = m->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->syms[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &m->syms[lo - 1] : NULL;
}

static const struct kcov_symbol *symbol_containing(const struct kcov_module *m, uint64_t addr)
{
	const struct kcov_symbol *sym = symbol_at_or_before(m, addr);

	/* Aliases share a start: take the preferred one (by_start). */
	while (sym && sym > m->syms && sym[-1].start == sym->start)
		sym--;
	if (!sym)
		return NULL;
	/*
	 * System.map has no sizes: a symbol runs to the next. In ELF a size
	 * of 0 is an assembler label (_init), not the code after it.
	 */
	if (sym->size ? addr < sym->start + sym->size : !m->sized || addr == sym->start)
		return sym;
	return NULL;
}

/* The N bytes before ADDR in M's code, or NULL. */
static const unsigned char *code_before(const struct kcov_module *m, uint64_t addr,
					unsigned int n)
{
	for (size_t i = 0; i < m->ncode; i++) {
		const struct kcov_code *c = &m->code[i];

		if (addr >= c->start + n && addr <= c->start + c->size)
			return c->bytes + (addr - c->start - n);
	}
	return NULL;
}

/*
 * Whether a call instruction ends at ADDR (x86-64: "call rel32", or
 * "call *disp32(%rip)" as -fno-plt emits); its target, when direct, to
 * TARGET (else 0). -1: no code to tell.
 */
static int call_before(const struct kcov_module *m, uint64_t addr, uint64_t *target)
{
	const unsigned char *p;

	*target = 0;
	if (!m->ncode)
		return -1;
	p = code_before(m, addr, 6);
	if (p && p[0] == 0xff && p[1] == 0x15)
		return 1;
	p = code_before(m, addr, 5);
	if (p && p[0] == 0xe8) {
		int32_t rel = (int32_t)((uint32_t)p[1] | (uint32_t)p[2] << 8 |
					(uint32_t)p[3] << 16 | (uint32_t)p[4] << 24);

		*target = addr + (int64_t)rel;
		return 1;
	}
	return 0;
}

/* A call to a hook ends at ADDR: to a PLT stub, a GOT slot or a hook. */
static bool hook_call_before(const struct kcov_symbols *s, const struct kcov_module *m,
			     uint64_t addr)
{
	const struct kcov_module *tm;
	const struct kcov_symbol *sym;
	uint64_t target;

	if (call_before(m, addr, &target) != 1)
		return false;
	if (!target)
		return true;
	tm = module_of(s, target);
	sym = tm ? symbol_containing(tm, target) : NULL;
	return !sym || !strncmp(sym->name, "__sanitizer_cov_trace_pc", 24);
}

void kcov_symbols_lookup(struct kcov_symbols *s, uint64_t pc, struct kcov_pc_info *info)
{
	uint64_t addr = (pc | s->pc_or) + s->pc_offset, target;
	const struct kcov_module *m = module_of(s, addr);
	const struct kcov_symbol *sym = NULL;

	info->address = addr;
	info->fit = KCOV_PC_NO_FUNCTION;
	info->unavailable = NULL;
	if (m) {
		sym = symbol_at_or_before(m, addr);
		if (sym && sym->start == addr && !hook_call_before(s, m, addr)) {
			sym = symbol_containing(m, addr);
			info->fit = KCOV_PC_START;
		} else {
			sym = symbol_containing(m, addr - 1);
			if (sym && call_before(m, addr, &target) < 0)
				info->fit = KCOV_PC_FUNCTION;
			else if (sym)
				info->fit = hook_call_before(s, m, addr) ? KCOV_PC_CALL :
									   KCOV_PC_NOT_CALL;
		}
		info->unavailable = m->unavailable;
	}
	if (info->fit == KCOV_PC_NO_FUNCTION) {
		snprintf(s->scratch, sizeof(s->scratch), "0x%llx", (unsigned long long)pc);
		info->name = s->scratch;
		info->function = addr;
		return;
	}
	info->name = sym->name;
	info->function = sym->function;
}

/*
 * The line table entry for ADDR in MOD. libdw finds the compilation unit
 * through .debug_aranges when there is one, and elfutils before 0.191
 * trusts it to be complete: a program built by clang (no aranges) linked
 * with objects built by GCC (aranges) has most of its code in no range.
 * Then look through the units themselves.
 */
static const char *source_line(Dwfl_Module *mod, uint64_t addr, int *line)
{
	Dwfl_Line *l = dwfl_module_getsrc(mod, addr);
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias;

	if (l)
		return dwfl_lineinfo(l, NULL, line, NULL, NULL, NULL);
	while ((cu = dwfl_module_nextcu(mod, cu, &bias)) != NULL) {
		Dwarf_Line *dl;

		if (dwarf_haspc(cu, addr - bias) != 1)
			continue;
		dl = dwarf_getsrc_die(cu, addr - bias);
		if (!dl || dwarf_lineno(dl, line))
			return NULL;
		return dwarf_linesrc(dl, NULL, NULL);
	}
	return NULL;
}

int kcov_symbols_source(struct kcov_symbols *s, uint64_t pc, const char **file, int *line)
{
	uint64_t addr = (pc | s->pc_or) + s->pc_offset;
	Dwfl_Module *mod;

	if (!s->dwfl)
		return -1;
	/* The hook's call instruction ends at ADDR: look up its last byte. */
	mod = dwfl_addrmodule(s->dwfl, addr - 1);
	*file = mod ? source_line(mod, addr - 1, line) : NULL;
	return *file ? 0 : -1;
}
