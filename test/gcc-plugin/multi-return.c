// Every return gets an exit hook right before it, after its value is
// computed. GIMPLE lowering merges returns into one block; -ftracer (and
// -O3) duplicate it again into several return statements.
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O2 -ftracer -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s --check-prefix=O2
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Og; do %gcc $O %gcc_plugin_flag -c %s -o %t$O.o && %objcheck %t$O.o; done | %FileCheck %s --check-prefix=OBJ
//
// CHECK-LABEL: int pick (int x)
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return [[V:_[0-9]+]];
// CHECK-NOT:   return
// CHECK-LABEL: int search (
//
// O2-LABEL: int pick (int x)
// O2:       __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return 21;
// O2:       # [[V:_[0-9]+]] = PHI <10(2), 20(3), -1(4)>
// O2:       __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return [[V]];
// O2-LABEL: int search (
// O2:       __sanitizer_cov_trace_pc_exit ();
// O2-NEXT:  return
//
// OBJ-COUNT-6: objcheck: functions=2 instrumented=2 {{.*}} violations=0

int pick(int x)
{
	if (x == 1)
		return 10;
	if (x == 2)
		return 20;
	if (x == 3)
		return x * 7;
	return -1;
}

int search(const int *a, int n, int key)
{
	for (int i = 0; i < n; i++)
		if (a[i] == key)
			return i;
	return -1;
}
