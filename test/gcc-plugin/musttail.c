// A must-tail call stays a tail call: the exit hook goes before it. GCC 11
// and 12 have no musttail attribute (only libgccjit makes such calls, and
// it cannot load plugins), so this runs with a GCC that accepts it.
// REQUIRES: gcc-musttail
// RUN: %gcc -O2 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s
// RUN: %gcc -O2 %gcc_plugin_flag -S %s -o - | %FileCheck %s --check-prefix=ASM
//
// CHECK-LABEL: int forward (int x)
// CHECK:       __sanitizer_cov_trace_pc_exit ();
// CHECK-NEXT:  {{.*}} = callee (x_{{[0-9]+}}(D));{{.*}} [must tail call]
// CHECK-NOT:   __sanitizer_cov_trace_pc_exit
// CHECK:       return
// ASM-LABEL:   forward:
// ASM:         call{{.*}}__sanitizer_cov_trace_pc_exit
// ASM-NOT:     call
// ASM:         jmp{{.*}}callee

int callee(int);

int forward(int x)
{
	__attribute__((musttail)) return callee(x);
}
