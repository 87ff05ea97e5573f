// Where the entry hook goes, for each shape of entry block:
//  - replaced: sancov's trace_pc call in the entry block becomes the hook;
//  - inserted: the entry block has no trace_pc (no trace-pc, or an empty
//    loop preheader that sancov skipped) and gets a fresh hook;
//  - on split entry edge: the entry block is a loop header (a goto back to
//    the first label), so a hook there would fire on every iteration.
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o /dev/null -fdump-tree-optimized=%t.O0 2>&1 | %FileCheck %s --check-prefix=O0
// RUN: %FileCheck %s --check-prefix=DUMP-O0 < %t.O0
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o /dev/null -fdump-tree-optimized=%t.O2 2>&1 | %FileCheck %s --check-prefix=O2
// RUN: %FileCheck %s --check-prefix=DUMP-O2 < %t.O2
// RUN: %gcc -O2 %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=ALONE

volatile int sink;

// O0: instrument straight(): entry replaced trace_pc, 1 exit
// O2: instrument straight(): entry replaced trace_pc, 1 exit
// ALONE: instrument straight(): entry inserted, 1 exit
int straight(int x)
{
	return x + 1;
}

// At -O0 the loop body is the entry block; at -O2 the entry block is an
// empty preheader of the loop.
// O0: instrument do_loop(): entry on split entry edge, 1 exit
// O2: instrument do_loop(): entry inserted, 1 exit
// ALONE: instrument do_loop(): entry inserted, 1 exit
// DUMP-O2-LABEL: int do_loop (int n)
// DUMP-O2: <bb 2>
// DUMP-O2-NEXT: __sanitizer_cov_trace_pc_entry ();
// DUMP-O2-EMPTY:
// DUMP-O2-NEXT: <bb 3>
// DUMP-O2-NEXT: # n_{{[0-9]+}} = PHI
// DUMP-O2-NEXT: __builtin___sanitizer_cov_trace_pc ();
int do_loop(int n)
{
	do {
		sink = n;
	} while (--n);
	return 0;
}

// At -O0 the first label is jumped back to.
// O0: instrument count_down(): entry on split entry edge, 1 exit
// DUMP-O0-LABEL: int count_down (int n)
// DUMP-O0: <bb [[ENTRY:[0-9]+]]> :
// DUMP-O0-NEXT: __sanitizer_cov_trace_pc_entry ();
// DUMP-O0-EMPTY:
// DUMP-O0-NEXT: <bb [[HEADER:[0-9]+]]> :
// DUMP-O0-NEXT: # n_{{[0-9]+}} = PHI
// DUMP-O0-NEXT: again:
// DUMP-O0-NEXT: __builtin___sanitizer_cov_trace_pc ();
// DUMP-O0: goto <bb [[HEADER]]>
int count_down(int n)
{
again:
	sink = n;
	if (n > 0) {
		n--;
		goto again;
	}
	return 0;
}
