// With userspace ASan the entry block may be split after sancov put its
// call there: the pass still finds that call (it dominates the other
// coverage calls and the returns) and replaces it, so each function has
// exactly one entry hook and the program's trace nests.
// REQUIRES: clang
// RUN: %clang -O1 -fsanitize=address -fsanitize-coverage=trace-pc %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang -O1 -fsanitize=address -fsanitize-coverage=trace-pc %pass_plugin %s %shadow_stack -o %t
// RUN: %t 2>&1 >/dev/null | %FileCheck %s --check-prefix=REPORT
//
// ASan's use-after-return check comes first and splits the entry block:
// CHECK-LABEL: define{{.*}} i32 @with_array(
// CHECK:       __asan_option_detect_stack_use_after_return
// CHECK:       call void @__sanitizer_cov_trace_pc_entry()
// CHECK-NOT:   call void @__sanitizer_cov_trace_pc_entry()
// CHECK:       notail call void @__sanitizer_cov_trace_pc_exit()
// CHECK-LABEL: define{{.*}} i32 @main(
// REPORT: kcov_ext-check: entries=2 exits=2 {{.*}} mismatches=0
#include <string.h>

__attribute__((noinline)) int with_array(int n)
{
	volatile char buf[64];

	memset((char *)buf, n, sizeof(buf));
	return buf[(unsigned int)n % 100];
}

int main(int argc, char **argv)
{
	(void)argv;
	return with_array(argc) == 1 ? 0 : 1;
}
