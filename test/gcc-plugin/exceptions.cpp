// With exceptions, a frame with a cleanup leaves through
// __builtin_unwind_resume (_Unwind_Resume) after running it: the exit hook
// goes right before that call. A frame that catches returns normally. A
// frame without a cleanup is skipped by the unwinder and reports no exit
// (a documented limitation; the kernel has no exceptions).
// RUN: %gxx -O2 %gcc_plugin_flag -c %s -o %t.o -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gxx -O0 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %objcheck %t.o | %FileCheck %s --check-prefix=OBJ
//
// CHECK-LABEL: void with_cleanup (int x)
// CHECK:       __sanitizer_cov_trace_pc_entry ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return;
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  __builtin_unwind_resume (
// CHECK-LABEL: void no_cleanup (int x)
// CHECK:       __sanitizer_cov_trace_pc_entry ();
// CHECK-NOT:   _Unwind_Resume
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  return;
//
// OBJ: _Z12with_cleanupi entries=1 exits=1 rets=1 uncovered-rets=0
// The landing pad is cold: GCC moves it to with_cleanup's .cold part.
// OBJ: _Z12with_cleanupi.cold entries=0 exits=1 rets=0
// OBJ: violations=0

struct Guard {
	Guard();
	~Guard();
};

void may_throw(int);

void with_cleanup(int x)
{
	Guard g;

	may_throw(x);
}

void no_cleanup(int x)
{
	may_throw(x + 1);
}
