// The entry hook takes the location sancov uses (the entry block's first
// statement), an exit hook that of its return (GCC 13 and later add a
// discriminator to both). -g does not change the
// code: -fcompare-debug and -fchecking=2 stay clean at every level.
// RUN: %gcc -O0 -g -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized-lineno=- | %FileCheck %s
// RUN: %gcc -O2 -g -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized-lineno=- | %FileCheck %s
// RUN: %gcc -O2 -g %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized-lineno=- | %FileCheck %s
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Og; do %gcc $O -g -fcompare-debug -fchecking=2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o %t.o 2>&1 || exit 1; done | %count 0
// RUN: for O in -O0 -O2 -O3; do %gcc $O -g -fcompare-debug -fchecking=2 %gcc_plugin_flag -c %S/Inputs/branchy.c -o %t.o 2>&1 || exit 1; done | %count 0
// RUN: %gcc -O2 -g %gcc_plugin_flag -c %s -o %t.o
// RUN: objdump -dlr --no-show-raw-insn %t.o | %FileCheck %s --check-prefix=LINES
//
// CHECK-LABEL: int located (int x)
// LINES-LABEL: <located>:

int g(int);

int located(int x)
{
	int y;

	y = g(x) * 3;
// CHECK: [{{.*}}debug-locations.c:[[@LINE-1]]:{{[0-9]+}}] __sanitizer_cov_trace_pc_entry ();
// LINES: debug-locations.c:[[@LINE-2]]
// LINES-NEXT: call
// LINES-NEXT: R_X86_64_PLT32{{.*}}__sanitizer_cov_trace_pc_entry
	if (y > 100)
		y -= 100;
	return y;
// CHECK: [{{.*}}debug-locations.c:[[@LINE-1]]:[[RETURN:[0-9]+( discrim [0-9]+)?]]] __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT: [{{.*}}debug-locations.c:[[@LINE-2]]:[[RETURN]]] return
// LINES: debug-locations.c:[[@LINE-3]]
// LINES-NEXT: call
// LINES-NEXT: R_X86_64_PLT32{{.*}}__sanitizer_cov_trace_pc_exit
}
