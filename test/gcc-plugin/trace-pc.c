// With -fsanitize-coverage=trace-pc the entry block's trace_pc call becomes
// the entry hook (never both), and every other block keeps its trace_pc:
// the plugin replaces one call per function and adds none.
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O1 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O3 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -Os -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -Og -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
//
// CHECK-LABEL: int branchy (int x)
// CHECK:       <bb 2>
// CHECK-NOT:   trace_pc
// CHECK:       __sanitizer_cov_trace_pc_entry ();
// CHECK-NOT:   __builtin___sanitizer_cov_trace_pc ();
// CHECK:       if (
// CHECK:       __builtin___sanitizer_cov_trace_pc ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return
// CHECK-LABEL: void leaf ()
// CHECK-NOT:   __builtin___sanitizer_cov_trace_pc ();
// CHECK:       __sanitizer_cov_trace_pc_entry ();
// CHECK-NOT:   __builtin___sanitizer_cov_trace_pc ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return;
//
// The number of block records is unchanged: as many trace_pc calls without
// the plugin as trace_pc plus entry calls with it. (Counted in GIMPLE: the
// RTL passes may later duplicate a small return block, and with the exit
// hook in it the return block is no longer small.)
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Og; do %gcc $O -fsanitize-coverage=trace-pc -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | grep -c '__sanitizer_cov_trace_pc ()'; done > %t.plain
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Og; do %gcc $O -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | grep -cE '__sanitizer_cov_trace_pc(_entry)? \(\)'; done > %t.plugin
// RUN: diff %t.plain %t.plugin
