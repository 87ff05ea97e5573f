// sancov with no per-block callback (stack-depth alone) leaves a trace only
// in functions that call others; upstream's trace-pc-entry-exit implies
// edge coverage and gives every function its hooks, leaf ones too, and so
// does the plugin. With trace-pc beside it, sancov's per-block calls show
// which functions it instrumented, as usual.
// REQUIRES: clang
// RUN: %clang -O2 -fsanitize-coverage=stack-depth %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang -O0 -fsanitize-coverage=stack-depth %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang -O2 -fsanitize-coverage=trace-pc,stack-depth %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefixes=CHECK,TRACEPC
//
// CHECK-LABEL: define{{.*}} i32 @leaf(
// CHECK:         call void @__sanitizer_cov_trace_pc_entry()
// CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
// CHECK-NEXT:    ret i32
// CHECK-LABEL: define{{.*}} i32 @caller(
// CHECK:         call void @__sanitizer_cov_trace_pc_entry()
// TRACEPC-NOT:   call void @__sanitizer_cov_trace_pc()
// CHECK:         __sancov_lowest_stack
// CHECK:         notail call void @__sanitizer_cov_trace_pc_exit()
// CHECK-NEXT:    ret i32

int external(int);

int leaf(int x)
{
	return x * 3 + 1;
}

int caller(int x)
{
	return external(x) + 1;
}
