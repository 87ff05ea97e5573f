// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov-ext-objcheck: check the entry/exit hook invariants of x86-64 code.
 *
 * Reads the disassembly of object files or executables (objdump -dr) and,
 * for every function that calls a hook, checks that:
 *  - it calls __sanitizer_cov_trace_pc_entry() exactly once (a ".cold"
 *    part of a function split by GCC calls it zero times);
 *  - every return (ret, or jmp __x86_return_thunk) is reached on every
 *    path through a call to __sanitizer_cov_trace_pc_exit() with no other
 *    call in between, so the exit is the last thing the function does;
 *  - it makes no direct tail call (jmp to another function): a sibcall
 *    would leave the callee's records outside the caller's entry/exit;
 * and, for all code, that no hook is reached by a jmp (its return address
 * would be the caller's) and that no hook is called from .noinstr.text.
 * With --require-entry, a function that calls __sanitizer_cov_trace_pc()
 * must also call the entry hook (for code built wholly with the plugin,
 * where no function may be left without one).
 *
 * Prints one line per checked function, then a summary; exits 1 when an
 * invariant is broken, 2 on bad usage or unreadable input.
 *
 * Usage: kcov-ext-objcheck [--quiet] [--require-entry] FILE...
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcov_cold.h"

#define HOOK_PREFIX	"__sanitizer_cov_"
#define ENTRY_HOOK	"__sanitizer_cov_trace_pc_entry"
#define EXIT_HOOK	"__sanitizer_cov_trace_pc_exit"
#define TRACE_PC_HOOK	"__sanitizer_cov_trace_pc"
#define RETURN_THUNK	"__x86_return_thunk"
#define NAME_MAX_LEN	512

enum insn_kind {
	INSN_OTHER,
	INSN_CALL,
	INSN_JMP,	/* unconditional jump */
	INSN_JCC,	/* conditional jump */
	INSN_RET,
};

struct insn {
	unsigned long addr;
	enum insn_kind kind;
	bool indirect;
	bool has_target_addr;
	unsigned long target_addr;
	char target[NAME_MAX_LEN];	/* symbol called or jumped to */
};

struct function {
	char name[NAME_MAX_LEN];
	char section[NAME_MAX_LEN];
	struct insn *insns;
	size_t count, capacity;
	unsigned long nopped_hooks;	/* hook calls objtool turned into NOPs */
};

struct totals {
	unsigned long functions, instrumented, entries, exits, rets;
	unsigned long violations;
};

static bool quiet;
static bool require_entry;

static void die(const char *file, const char *what)
{
	fprintf(stderr, "kcov-ext: %s: %s\n", file, what);
	exit(2);
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool is_hook(const char *sym)
{
	return starts_with(sym, HOOK_PREFIX);
}

/* "foo@plt", "foo-0x4", "foo+0x1f" -> "foo" */
static void strip_symbol(char *sym)
{
	char *p = strpbrk(sym, "@+-");

	if (p && p != sym)
		*p = '\0';
}

static bool is_cold_part(const char *name)
{
	return kcov_cold_base_len(name) != 0;
}

/*
 * The function a name belongs to: a ".cold" part to its function
 * ("foo.cold.3" -> "foo"), a PLT stub to its target ("foo@plt" -> "foo").
 */
static size_t base_name_length(const char *name)
{
	size_t len = kcov_cold_base_len(name);
	const char *p;

	if (len)
		return len;
	p = strchr(name, '@');
	return p ? (size_t)(p - name) : strlen(name);
}

static bool is_other_function(const char *target, const char *name)
{
	size_t len = base_name_length(name);

	if (!target[0] || target[0] == '.')	/* section symbols: local code */
		return false;
	return strncmp(target, name, len) || base_name_length(target) != len;
}

static struct insn *add_insn(struct function *fn)
{
	if (fn->count == fn->capacity) {
		fn->capacity = fn->capacity ? 2 * fn->capacity : 64;
		fn->insns = realloc(fn->insns, fn->capacity * sizeof(*fn->insns));
		if (!fn->insns)
			die("objcheck", "out of memory");
	}
	memset(&fn->insns[fn->count], 0, sizeof(fn->insns[0]));
	return &fn->insns[fn->count++];
}

/* Skip prefixes that do not change what an instruction does to control. */
static const char *skip_prefixes(const char *text)
{
	static const char * const prefixes[] = {
		"rep ", "repz ", "bnd ", "notrack ", "data16 ", "cs ", "ds ",
	};
	bool again = true;

	while (again) {
		again = false;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			if (starts_with(text, prefixes[i])) {
				text += strlen(prefixes[i]);
				while (*text == ' ')
					text++;
				again = true;
			}
		}
	}
	return text;
}

/* Parse "jmp    30 <f+0x30>" style operands into the instruction. */
static void parse_operand(struct insn *insn, const char *operand)
{
	const char *lt, *gt;
	size_t len;

	while (*operand == ' ')
		operand++;
	if (*operand == '*') {
		insn->indirect = true;
		return;
	}
	if (isxdigit((unsigned char)*operand)) {
		insn->target_addr = strtoul(operand, NULL, 16);
		insn->has_target_addr = true;
	}
	lt = strchr(operand, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (!lt || !gt)
		return;
	len = gt - lt - 1;
	if (len >= NAME_MAX_LEN)
		len = NAME_MAX_LEN - 1;
	memcpy(insn->target, lt + 1, len);
	insn->target[len] = '\0';
	strip_symbol(insn->target);
}

static void parse_insn(struct function *fn, unsigned long addr, const char *text)
{
	struct insn *insn = add_insn(fn);
	char mnemonic[32];
	int n = 0;

	insn->addr = addr;
	text = skip_prefixes(text);
	if (sscanf(text, "%31s%n", mnemonic, &n) != 1)
		return;

	if (!strcmp(mnemonic, "call") || !strcmp(mnemonic, "callq"))
		insn->kind = INSN_CALL;
	else if (!strcmp(mnemonic, "jmp") || !strcmp(mnemonic, "jmpq"))
		insn->kind = INSN_JMP;
	else if (mnemonic[0] == 'j')
		insn->kind = INSN_JCC;
	else if (!strcmp(mnemonic, "ret") || !strcmp(mnemonic, "retq"))
		insn->kind = INSN_RET;
	else
		return;

	if (insn->kind != INSN_RET)
		parse_operand(insn, text + n);
}

/*
 * A relocation names the real target of the instruction before it. The
 * kernel's objtool NOPs hook calls in .noinstr.text and turns their
 * relocation into R_X86_64_NONE: such a NOP still shows that the compiler
 * put a hook there.
 */
static void parse_reloc(struct function *fn, const char *type, const char *symbol)
{
	struct insn *insn;

	if (!fn->count)
		return;
	if (!strcmp(type, "X86_64_NONE")) {
		fn->nopped_hooks += is_hook(symbol);
		return;
	}
	insn = &fn->insns[fn->count - 1];
	if (insn->kind == INSN_OTHER || insn->kind == INSN_RET)
		return;
	snprintf(insn->target, sizeof(insn->target), "%s", symbol);
	strip_symbol(insn->target);
	/* The address objdump prints for a relocated branch is meaningless. */
	insn->has_target_addr = false;
}

/*
 * A jump to an address inside the function itself, whatever symbol
 * objdump names it by: any symbol whose value falls there, a thread-local
 * variable's offset too, labels the target.
 */
static bool jumps_within(const struct function *fn, const struct insn *insn)
{
	return insn->has_target_addr && fn->count &&
	       insn->target_addr >= fn->insns[0].addr &&
	       insn->target_addr <= fn->insns[fn->count - 1].addr;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/*
 * Calls that never return: the code after them belongs to another path.
 * The compiler knows which calls are noreturn; a disassembly does not, so
 * like objtool this keeps a list (user space, C++ runtime and kernel), and
 * knows the sanitizers' reports: __asan_report_* end the program unless
 * they are the _noabort kind (-fsanitize-recover, KASAN), __ubsan_handle_*
 * do when they are the _abort kind (-fno-sanitize-recover).
 */
static bool is_noreturn_call(const struct insn *insn)
{
	static const char * const noreturn[] = {
		"_Unwind_Resume", "__cxa_throw", "__cxa_rethrow",
		"__cxa_bad_cast", "__cxa_bad_typeid", "__cxa_pure_virtual",
		"__cxa_call_unexpected", "_ZSt9terminatev", "abort", "exit",
		"_exit", "_Exit", "quick_exit", "__stack_chk_fail",
		"__assert_fail", "longjmp", "siglongjmp", "__longjmp_chk",
		"pthread_exit", "__chk_fail", "__fortify_fail", "panic",
		"do_exit", "make_task_dead", "kthread_exit",
		"__ubsan_handle_builtin_unreachable", "usercopy_abort",
		"__fortify_panic", "rewind_stack_and_make_dead",
		"machine_real_restart", "cpu_bringup_and_idle",
		"__module_put_and_kthread_exit", "ex_handler_msr_mce",
		"stop_this_cpu", "sev_es_terminate", "xen_start_kernel",
	};

	if (insn->kind != INSN_CALL)
		return false;
	if (!strncmp(insn->target, "__asan_report_", 14))
		return !has_suffix(insn->target, "_noabort");
	if (!strncmp(insn->target, "__ubsan_handle_", 15) &&
	    has_suffix(insn->target, "_abort"))
		return true;
	for (size_t i = 0; i < sizeof(noreturn) / sizeof(noreturn[0]); i++)
		if (!strcmp(insn->target, noreturn[i]))
			return true;
	return false;
}

static bool falls_through(const struct insn *insn)
{
	return insn->kind != INSN_JMP && insn->kind != INSN_RET &&
	       !is_noreturn_call(insn);
}

static bool is_ret(const struct insn *insn)
{
	return insn->kind == INSN_RET ||
	       (insn->kind == INSN_JMP && !strcmp(insn->target, RETURN_THUNK));
}

/*
 * An indirect jump: "jmp *%rax", or its retpoline form "jmp
 * __x86_indirect_thunk_rax" (computed gotos and jump tables in a kernel
 * built with CONFIG_RETPOLINE). Neither names its target, so neither can
 * be told apart from an indirect tail call; like objtool, take them as
 * jumps within the function.
 */
static bool is_indirect_jump(const struct insn *insn)
{
	return insn->indirect ||
	       !strncmp(insn->target, "__x86_indirect_thunk_", 21) ||
	       !strncmp(insn->target, "__x86_indirect_jump_thunk_", 26);
}

static bool is_local_branch(const struct function *fn, const struct insn *insn)
{
	return (insn->kind == INSN_JMP || insn->kind == INSN_JCC) &&
	       insn->has_target_addr && !insn->indirect &&
	       !is_other_function(insn->target, fn->name);
}

/*
 * Walk backwards from the return at index RET over every path that can
 * reach it. A path is covered when it meets a call to the exit hook before
 * any other call and before the start of the function.
 */
static bool ret_is_covered(const struct function *fn, size_t ret, char *visited)
{
	size_t *stack = malloc(fn->count * sizeof(*stack));
	size_t depth = 0;
	bool covered = true;

	if (!stack)
		die("objcheck", "out of memory");
	memset(visited, 0, fn->count);
	stack[depth++] = ret;
	visited[ret] = 1;

	while (depth && covered) {
		size_t i = stack[--depth];
		const struct insn *insn = &fn->insns[i];
		bool has_pred = false;

		if (i != ret && insn->kind == INSN_CALL) {
			if (strcmp(insn->target, EXIT_HOOK))
				covered = false;	/* a call after the exit */
			continue;
		}
		if (i > 0 && falls_through(&fn->insns[i - 1])) {
			has_pred = true;
			if (!visited[i - 1]) {
				visited[i - 1] = 1;
				stack[depth++] = i - 1;
			}
		}
		for (size_t j = 0; j < fn->count; j++) {
			const struct insn *from = &fn->insns[j];

			if (!is_local_branch(fn, from) || from->target_addr != insn->addr)
				continue;
			has_pred = true;
			if (!visited[j]) {
				visited[j] = 1;
				stack[depth++] = j;
			}
		}
		if (!has_pred)
			covered = false;	/* reached the function's start */
	}
	free(stack);
	return covered;
}

static void check_function(const struct function *fn, struct totals *totals)
{
	unsigned long entries = 0, exits = 0, rets = 0, uncovered = 0;
	unsigned long sibcalls = 0, hook_jumps = 0, noinstr_hooks = 0;
	unsigned long trace_pcs = 0;
	bool missing_entry;
	bool noinstr = !strcmp(fn->section, ".noinstr.text");
	bool cold = is_cold_part(fn->name);
	unsigned long violations;
	char *visited;

	if (!fn->count)
		return;
	totals->functions++;

	for (size_t i = 0; i < fn->count; i++) {
		const struct insn *insn = &fn->insns[i];

		if (insn->kind == INSN_CALL && is_hook(insn->target)) {
			entries += !strcmp(insn->target, ENTRY_HOOK);
			exits += !strcmp(insn->target, EXIT_HOOK);
			trace_pcs += !strcmp(insn->target, TRACE_PC_HOOK);
			noinstr_hooks += noinstr;
		}
		if ((insn->kind == INSN_JMP || insn->kind == INSN_JCC) &&
		    is_hook(insn->target) &&
		    is_other_function(insn->target, fn->name))
			hook_jumps++;
	}

	if (noinstr)
		noinstr_hooks += fn->nopped_hooks;
	missing_entry = require_entry && trace_pcs && !entries && !cold && !noinstr;
	violations = hook_jumps + noinstr_hooks + missing_entry;
	if (entries || exits) {
		visited = malloc(fn->count);
		if (!visited)
			die("objcheck", "out of memory");
		for (size_t i = 0; i < fn->count; i++) {
			const struct insn *insn = &fn->insns[i];

			if (is_ret(insn)) {
				rets++;
				uncovered += !ret_is_covered(fn, i, visited);
			} else if ((insn->kind == INSN_JMP || insn->kind == INSN_JCC) &&
				   !is_indirect_jump(insn) && !jumps_within(fn, insn) &&
				   is_other_function(insn->target, fn->name) &&
				   !is_hook(insn->target)) {
				sibcalls++;
			}
		}
		free(visited);
		violations += uncovered + sibcalls + (entries != (cold ? 0 : 1));
		totals->instrumented++;
		totals->entries += entries;
		totals->exits += exits;
		totals->rets += rets;
	}
	totals->violations += violations;

	if (!quiet || violations)
		printf("%s%s entries=%lu exits=%lu rets=%lu uncovered-rets=%lu sibcalls=%lu hook-jumps=%lu noinstr-hooks=%lu%s\n",
		       violations ? "FAIL " : "", fn->name, entries, exits, rets,
		       uncovered, sibcalls, hook_jumps, noinstr_hooks,
		       missing_entry ? " missing-entry" : "");
}

static void finish_function(struct function *fn, struct totals *totals)
{
	check_function(fn, totals);
	fn->count = 0;
	fn->nopped_hooks = 0;
	fn->name[0] = '\0';
}

static void check_file(const char *file, struct totals *totals)
{
	const char *objdump = getenv("OBJDUMP");
	struct function fn = { 0 };
	char line[4096], section[NAME_MAX_LEN] = "";
	char *command;
	FILE *in;
	size_t size;

	if (!objdump)
		objdump = "objdump";
	in = fopen(file, "r");
	if (!in)
		die(file, "cannot open");
	fclose(in);

	size = strlen(objdump) + strlen(file) + 64;
	command = malloc(size);
	if (!command)
		die(file, "out of memory");
	snprintf(command, size, "%s -dr --no-show-raw-insn '%s'", objdump, file);
	in = popen(command, "r");
	if (!in)
		die(file, "cannot run objdump");

	while (fgets(line, sizeof(line), in)) {
		unsigned long addr;
		char name[NAME_MAX_LEN], type[64];
		int n;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "Disassembly of section %511[^:]:", section) == 1) {
			finish_function(&fn, totals);
		} else if (sscanf(line, "%lx <%511[^>]>:", &addr, name) == 2) {
			finish_function(&fn, totals);
			snprintf(fn.name, sizeof(fn.name), "%s", name);
			snprintf(fn.section, sizeof(fn.section), "%s", section);
		} else if (sscanf(line, " %lx: R_%63s %511s", &addr, type, name) == 3) {
			parse_reloc(&fn, type, name);
		} else if (sscanf(line, " %lx:%n", &addr, &n) == 1 && line[n] == '\t') {
			if (fn.name[0])
				parse_insn(&fn, addr, line + n + 1);
		}
	}
	finish_function(&fn, totals);
	free(fn.insns);
	free(command);
	if (pclose(in) != 0)
		die(file, "objdump failed");
}

int main(int argc, char **argv)
{
	struct totals totals = { 0 };
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--quiet"))
			quiet = true;
		else if (!strcmp(argv[i], "--require-entry"))
			require_entry = true;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: kcov-ext-objcheck [--quiet] [--require-entry] FILE...\n");
		return 2;
	}
	for (; i < argc; i++)
		check_file(argv[i], &totals);

	printf("objcheck: functions=%lu instrumented=%lu entries=%lu exits=%lu rets=%lu violations=%lu\n",
	       totals.functions, totals.instrumented, totals.entries,
	       totals.exits, totals.rets, totals.violations);
	return totals.violations ? 1 : 0;
}
