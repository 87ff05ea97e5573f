// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcov_ext: function entry and exit hooks for KCOV_TRACE_PC_EXT
 *
 * KCOV_TRACE_PC_EXT lets a fuzzer rebuild the call stack of every covered
 * PC. For that the compiler must tell the kernel where functions start and
 * where they return:
 *  - the entry block calls __sanitizer_cov_trace_pc_entry() instead of
 *    __sanitizer_cov_trace_pc(), or in addition to nothing when the unit is
 *    built without -fsanitize-coverage=trace-pc;
 *  - every path that leaves the function normally calls
 *    __sanitizer_cov_trace_pc_exit() right before it returns, after the
 *    return value is computed.
 * Upstream clang gained this as -fsanitize-coverage=trace-pc-entry-exit;
 * this plugin gives the same instrumentation to GCC.
 *
 * Both hooks read their own return address, so the exit call must never
 * become a tail call (jmp __sanitizer_cov_trace_pc_exit would report the
 * caller's PC), and a call that precedes it in tail position must stop
 * being a sibcall so that the trace nests: entry f, entry g, exit g, exit f.
 *
 * Exceptions: an exit call is placed before __builtin_unwind_resume() and
 * __builtin_eh_return(), so frames with a cleanup report their exit while
 * an exception passes; frames without a cleanup are skipped by the unwinder
 * and report none. Kernel code is built without exceptions.
 *
 * Options (NAME is the plugin's file name without .so: kcov_ext when
 * installed, kcov_ext_plugin in the kernel's scripts/gcc-plugins/):
 * -fplugin-arg-NAME-disable
 * -fplugin-arg-NAME-verbose
 *
 * Usage:
 * $ gcc -fsanitize-coverage=trace-pc -fplugin=kcov_ext -c test.c
 */

/* The header order follows the kernel's scripts/gcc-plugins/gcc-common.h. */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tm.h"
#include "tree.h"
#include "function.h"
#include "basic-block.h"
#include "intl.h"
#include "ggc.h"
#include "cgraph.h"
#include "diagnostic.h"
#include "tree-pass.h"
#include "stringpool.h"
#include "attribs.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-ssa.h"
#include "context.h"
#include "cfghooks.h"
#include "langhooks.h"

#ifndef __visible
#define __visible __attribute__((visibility("default")))
#endif

__visible int plugin_is_GPL_compatible;

#define KCOV_EXT_STRINGIFY(x) #x
#define KCOV_EXT_XSTRINGIFY(x) KCOV_EXT_STRINGIFY(x)
#define KCOV_EXT_GCC_VERSION KCOV_EXT_XSTRINGIFY(GCCPLUGIN_VERSION_MAJOR) "." \
			     KCOV_EXT_XSTRINGIFY(GCCPLUGIN_VERSION_MINOR)
#define KCOV_EXT_VERSION "1.0"

static const char kcov_ext_entry_name[] = "__sanitizer_cov_trace_pc_entry";
static const char kcov_ext_exit_name[] = "__sanitizer_cov_trace_pc_exit";

static bool kcov_ext_verbose;

/*
 * The hook declarations are built once per translation unit and are GC
 * roots: GCC collects garbage between passes and would free them otherwise.
 */
static GTY(()) tree kcov_ext_entry_decl;
static GTY(()) tree kcov_ext_exit_decl;

static struct plugin_info kcov_ext_plugin_info = {
	.version = KCOV_EXT_VERSION " (built for GCC " KCOV_EXT_GCC_VERSION ")",
	.help = "kcov_ext: call __sanitizer_cov_trace_pc_entry() in each function's entry block\n"
		"and __sanitizer_cov_trace_pc_exit() before each return (KCOV_TRACE_PC_EXT)\n"
		"disable\t\tdo not instrument this translation unit\n"
		"verbose\t\tprint what was instrumented to stderr\n"
};

/*
 * Declare void NAME(void) as an external, nothrow, leaf function. If the
 * translation unit already knows a function of that name (it defines or
 * declares a hook itself), reuse its declaration: two decls with one
 * assembler name confuse the symbol table. A declaration of another type
 * is an error: calling it with no arguments would be a silent miscompile.
 */
static tree kcov_ext_build_hook_decl(const char *name)
{
	tree decl, fntype;
	cgraph_node *node;

	node = cgraph_node::get_for_asmname(get_identifier(name));
	if (node) {
		fntype = TREE_TYPE(node->decl);
		if (!VOID_TYPE_P(TREE_TYPE(fntype)) || type_num_arguments(fntype)) {
			error_at(DECL_SOURCE_LOCATION(node->decl),
				 "%qD conflicts with the kcov_ext hook %<void %s(void)%>",
				 node->decl, name);
			return NULL_TREE;
		}
		return node->decl;
	}

	fntype = build_function_type_list(void_type_node, NULL_TREE);
	decl = build_fn_decl(name, fntype);
	TREE_PUBLIC(decl) = 1;
	DECL_EXTERNAL(decl) = 1;
	DECL_ARTIFICIAL(decl) = 1;
	TREE_NOTHROW(decl) = 1;
	TREE_USED(decl) = 1;
	DECL_ATTRIBUTES(decl) = tree_cons(get_identifier("leaf"), NULL_TREE,
					  DECL_ATTRIBUTES(decl));
	/* Compute the assembler name now, so that LTO streams it. */
	DECL_ASSEMBLER_NAME(decl);
	return decl;
}

static void kcov_ext_start_unit(void *gcc_data ATTRIBUTE_UNUSED,
				void *user_data ATTRIBUTE_UNUSED)
{
	kcov_ext_entry_decl = NULL_TREE;
	kcov_ext_exit_decl = NULL_TREE;
}

/*
 * Look the hooks up lazily: by the time the first function reaches our pass
 * the whole unit has been parsed, so a declaration of the user's own is
 * already in the symbol table.
 */
static bool kcov_ext_init_hook_decls(void)
{
	if (!kcov_ext_entry_decl)
		kcov_ext_entry_decl = kcov_ext_build_hook_decl(kcov_ext_entry_name);
	if (!kcov_ext_exit_decl)
		kcov_ext_exit_decl = kcov_ext_build_hook_decl(kcov_ext_exit_name);
	return kcov_ext_entry_decl && kcov_ext_exit_decl;
}

static const char *kcov_ext_function_name(void)
{
	return lang_hooks.decl_printable_name(current_function_decl, 2);
}

/* Functions that sancov would skip, or that must not call the hooks. */
static const char *kcov_ext_skip_reason(void)
{
	tree fndecl = current_function_decl;
	tree attrs = DECL_ATTRIBUTES(fndecl);
	const char *asm_name;

	/* GCC 11 drops this attribute with a warning, as its sancov does. */
	if (lookup_attribute("no_sanitize_coverage", attrs))
		return "no_sanitize_coverage";
	/*
	 * A naked function has no frame to return through: a call in it
	 * clobbers registers its asm body relies on. GCC's sancov
	 * instruments it anyway; we do not add to that.
	 */
	if (lookup_attribute("naked", attrs))
		return "naked";
	/* The hooks themselves and the rest of the coverage runtime. */
	asm_name = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(fndecl));
	if (!strncmp(asm_name, "__sanitizer_", sizeof("__sanitizer_") - 1))
		return "__sanitizer_ function";
	return NULL;
}

static gcall *kcov_ext_build_call(tree decl, location_t loc)
{
	gcall *call = gimple_build_call(decl, 0);

	gimple_set_location(call, loc);
	return call;
}

/*
 * GCC's checked downcast, spelled once: the kernel's checkpatch, which
 * reviews this file in the kernel tree too, reads a template argument
 * list as two comparisons.
 */
static gcall *kcov_ext_as_call(gimple *stmt)
{
	return as_a <gcall *> (stmt);
}

static bool kcov_ext_is_trace_pc(const gimple *stmt)
{
	return gimple_call_builtin_p(stmt, BUILT_IN_SANITIZER_COV_TRACE_PC);
}

/*
 * Is the statement before GSI (debug statements aside) a must-tail call?
 * Such a call already got its exit hook in front of it.
 */
static bool kcov_ext_follows_must_tail_call(gimple_stmt_iterator gsi)
{
	gsi_prev_nondebug(&gsi);
	if (gsi_end_p(gsi))
		return false;
	return is_gimple_call(gsi_stmt(gsi)) &&
	       gimple_call_must_tail_p(kcov_ext_as_call(gsi_stmt(gsi)));
}

/*
 * Put an exit hook before every statement that leaves the function: each
 * return (after its value is computed, since the value is an operand of
 * the return), each must-tail call, and the calls that continue unwinding
 * after a cleanup. Returns the number of exit hooks inserted.
 *
 * tailc has already run, and expand_gimple_tailcall drops whatever follows
 * a call it expands as a sibcall: the exit hook after a tail-marked call
 * would silently vanish. So every call loses its tail mark, including
 * those tailc marked in a predecessor of a return block that holds only
 * PHIs, except must-tail calls, which must stay tail calls.
 */
static unsigned int kcov_ext_instrument_exits(unsigned int *tail_calls)
{
	unsigned int exits = 0;
	basic_block bb;

	FOR_EACH_BB_FN(bb, cfun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);
			location_t loc = gimple_location(stmt);
			bool leaves = false;

			if (loc == UNKNOWN_LOCATION)
				loc = cfun->function_end_locus;

			if (gimple_code(stmt) == GIMPLE_RETURN) {
				leaves = !kcov_ext_follows_must_tail_call(gsi);
			} else if (is_gimple_call(stmt)) {
				gcall *call = kcov_ext_as_call(stmt);

				if (gimple_call_must_tail_p(call)) {
					leaves = true;
				} else {
					if (gimple_call_tail_p(call))
						(*tail_calls)++;
					gimple_call_set_tail(call, false);
					leaves = gimple_call_builtin_p(call,
								       BUILT_IN_UNWIND_RESUME) ||
						 gimple_call_builtin_p(call,
								       BUILT_IN_EH_RETURN);
				}
			}

			if (!leaves)
				continue;
			gsi_insert_before(&gsi, kcov_ext_build_call(kcov_ext_exit_decl, loc),
					  GSI_SAME_STMT);
			exits++;
		}
	}
	return exits;
}

/*
 * The entry hook must run exactly once per invocation. The entry block is
 * the single successor of ENTRY; if nothing else jumps to it, sancov's
 * trace_pc call there becomes the entry hook, or a fresh entry hook goes
 * at its start (no trace-pc, or sancov skipped the block because it was
 * empty). If it is a loop header (tail recursion turned into a loop, an
 * empty preheader, a goto back to the first label at -O0), a hook there
 * would fire on every iteration: put the entry hook on a new block on the
 * ENTRY edge instead and leave the header's trace_pc as a normal record.
 */
static const char *kcov_ext_instrument_entry(void)
{
	edge entry_edge = single_succ_edge(ENTRY_BLOCK_PTR_FOR_FN(cfun));
	basic_block bb = entry_edge->dest;
	gimple_stmt_iterator gsi;
	location_t loc = DECL_SOURCE_LOCATION(current_function_decl);
	const char *how = "inserted";

	/* sancov's location: that of the block's first real statement. */
	gsi = gsi_start_nondebug_after_labels_bb(bb);
	if (!gsi_end_p(gsi) && gimple_location(gsi_stmt(gsi)) != UNKNOWN_LOCATION)
		loc = gimple_location(gsi_stmt(gsi));

	if (single_pred_p(bb)) {
		for (; !gsi_end_p(gsi); gsi_next_nondebug(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);

			if (!is_gimple_call(stmt))
				continue;
			if (!kcov_ext_is_trace_pc(stmt))
				break;
			gimple_call_set_fndecl(kcov_ext_as_call(stmt), kcov_ext_entry_decl);
			update_stmt(stmt);
			return "replaced trace_pc";
		}
		gsi = gsi_start_nondebug_after_labels_bb(bb);
	} else {
		bb = split_edge(entry_edge);
		gsi = gsi_start_bb(bb);
		how = "on split entry edge";
	}

	gsi_insert_before(&gsi, kcov_ext_build_call(kcov_ext_entry_decl, loc), GSI_SAME_STMT);
	return how;
}

static unsigned int kcov_ext_instrument_execute(void)
{
	const char *skip = kcov_ext_skip_reason();
	unsigned int exits, tail_calls = 0;
	const char *entry;

	if (skip) {
		if (kcov_ext_verbose)
			fprintf(stderr, "kcov_ext: skip %s(): %s\n",
				kcov_ext_function_name(), skip);
		return 0;
	}

	if (!kcov_ext_init_hook_decls())
		return 0;

	/* Exits first: the entry edge split below adds no return. */
	exits = kcov_ext_instrument_exits(&tail_calls);
	entry = kcov_ext_instrument_entry();

	if (kcov_ext_verbose)
		fprintf(stderr,
			"kcov_ext: instrument %s(): entry %s, %u exit%s, %u tail call%s kept as calls\n",
			kcov_ext_function_name(), entry, exits, exits == 1 ? "" : "s",
			tail_calls, tail_calls == 1 ? "" : "s");
	return 0;
}

namespace {
static const pass_data kcov_ext_instrument_pass_data = {
	.type			= GIMPLE_PASS,
	.name			= "kcov_ext",
	.optinfo_flags		= OPTGROUP_NONE,
	.tv_id			= TV_NONE,
	.properties_required	= PROP_cfg | PROP_ssa,
	.properties_provided	= 0,
	.properties_destroyed	= 0,
	.todo_flags_start	= 0,
	/* The new calls need virtual operands and call graph edges. */
	.todo_flags_finish	= TODO_update_ssa | TODO_rebuild_cgraph_edges,
};

class kcov_ext_instrument_pass : public gimple_opt_pass {
public:
	kcov_ext_instrument_pass() :
		gimple_opt_pass(kcov_ext_instrument_pass_data, g) {}

	opt_pass *clone(void) final override
	{
		return new kcov_ext_instrument_pass();
	}

	unsigned int execute(function *fun) final override
	{
		return kcov_ext_instrument_execute();
	}
};

} /* namespace */

/*
 * Every GCC plugin exports plugin_init(), called right after the plugin is
 * loaded: check the GCC version, parse the arguments, register the pass.
 */
__visible int plugin_init(struct plugin_name_args *plugin_info,
			  struct plugin_gcc_version *version)
{
	const char * const plugin_name = plugin_info->base_name;
	const int argc = plugin_info->argc;
	const struct plugin_argument * const argv = plugin_info->argv;
	struct register_pass_info pass_info;
	bool disable = false;
	int i;

	static const struct ggc_root_tab kcov_ext_ggc_roots[] = {
		{
			.base = &kcov_ext_entry_decl,
			.nelt = 1,
			.stride = sizeof(kcov_ext_entry_decl),
			.cb = &gt_ggc_mx_tree_node,
			.pchw = &gt_pch_nx_tree_node
		},
		{
			.base = &kcov_ext_exit_decl,
			.nelt = 1,
			.stride = sizeof(kcov_ext_exit_decl),
			.cb = &gt_ggc_mx_tree_node,
			.pchw = &gt_pch_nx_tree_node
		},
		LAST_GGC_ROOT_TAB
	};

	if (!plugin_default_version_check(version, &gcc_version)) {
		error(G_("incompatible gcc/plugin versions: %s was built for GCC %s, this is GCC %s"),
		      plugin_info->full_name, gcc_version.basever,
		      version->basever);
		return 1;
	}

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i].key, "disable")) {
			if (argv[i].value) {
				error(G_("invalid option argument '-fplugin-arg-%s-%s=%s'"),
				      plugin_name, argv[i].key, argv[i].value);
				return 1;
			}
			disable = true;
		} else if (!strcmp(argv[i].key, "verbose")) {
			if (argv[i].value) {
				error(G_("invalid option argument '-fplugin-arg-%s-%s=%s'"),
				      plugin_name, argv[i].key, argv[i].value);
				return 1;
			}
			kcov_ext_verbose = true;
		} else {
			error(G_("unknown option '-fplugin-arg-%s-%s'"),
			      plugin_name, argv[i].key);
			return 1;
		}
	}

	register_callback(plugin_name, PLUGIN_INFO, NULL, &kcov_ext_plugin_info);

	if (disable) {
		if (kcov_ext_verbose)
			fprintf(stderr, "kcov_ext: disabled for this translation unit\n");
		return 0;
	}

	/*
	 * The pass must run after sancov (whose trace_pc call in the entry
	 * block it replaces) and after tailc (which marks the tail calls it
	 * must unmark). tailc runs after sancov at -O1 and above, so a pass
	 * right after sancov would see its exit call turned into a jmp. The
	 * last GIMPLE pass, "optimized", runs at every -O level, after both.
	 */
	pass_info.pass = new kcov_ext_instrument_pass();
	pass_info.reference_pass_name = "optimized";
	pass_info.ref_pass_instance_number = 1;
	pass_info.pos_op = PASS_POS_INSERT_BEFORE;

	register_callback(plugin_name, PLUGIN_START_UNIT, &kcov_ext_start_unit, NULL);
	register_callback(plugin_name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)&kcov_ext_ggc_roots);
	register_callback(plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass_info);

	return 0;
}
