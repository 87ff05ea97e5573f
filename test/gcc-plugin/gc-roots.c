// The hook declarations live across passes and functions; with the garbage
// collector running at every opportunity they must survive as GC roots.
// RUN: %gcc -O2 --param ggc-min-expand=0 --param ggc-min-heapsize=0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/Inputs/branchy.c -o %t.o
// RUN: %objcheck %t.o | %FileCheck %s
// RUN: %gcc -O0 --param ggc-min-expand=0 --param ggc-min-heapsize=0 %gcc_plugin_flag -c %S/Inputs/branchy.c -o %t.o
// RUN: %objcheck %t.o | %FileCheck %s
// CHECK: objcheck: functions=2 instrumented=2 entries=2 {{.*}} violations=0
