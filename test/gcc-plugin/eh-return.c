// __builtin_eh_return, used by unwinders, leaves the function without a
// return statement: the exit hook goes right before it.
// RUN: %gcc -O2 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
//
// CHECK-LABEL: void unwind_to (long int offset, void * handler)
// CHECK:       __sanitizer_cov_trace_pc_entry ();
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  __builtin_eh_return (

void unwind_to(long offset, void *handler)
{
	__builtin_unwind_init();
	__builtin_eh_return(offset, handler);
}
