// Without -fsanitize-coverage=trace-pc the plugin adds the entry hook at
// the start of the entry block and the exit hooks, and nothing else.
// RUN: %gcc -O0 %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O2 %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O3 %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -Og %gcc_plugin_flag -c %S/Inputs/branchy.c -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O2 %gcc_plugin_flag -c %S/Inputs/branchy.c -o %t.o
// RUN: %objcheck %t.o | %FileCheck %s --check-prefix=OBJ
//
// CHECK-NOT:   __builtin___sanitizer_cov_trace_pc
// CHECK-LABEL: int branchy (int x)
// CHECK:       <bb 2>
// CHECK-NEXT:  __sanitizer_cov_trace_pc_entry ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return
// CHECK-LABEL: void leaf ()
// CHECK:       <bb 2>
// CHECK-NEXT:  __sanitizer_cov_trace_pc_entry ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return;
// CHECK-NOT:   __builtin___sanitizer_cov_trace_pc
//
// OBJ: branchy entries=1 exits={{[1-9]}} rets=[[R:[0-9]+]] uncovered-rets=0 sibcalls=0 hook-jumps=0
// OBJ: leaf entries=1 exits=1 rets=1 uncovered-rets=0
// OBJ: objcheck: functions=2 instrumented=2 {{.*}} violations=0
