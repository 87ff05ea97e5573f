// A unit that defines a hook with another type than void (void) gets a
// compile error, not a call with the wrong arguments.
// RUN: %not %gcc -O2 %gcc_plugin_flag -c %s -o /dev/null 2>&1 | %FileCheck %s
// CHECK: hook-type-conflict.c:[[@LINE+2]]:5: error: '__sanitizer_cov_trace_pc_exit' conflicts with the kcov_ext hook 'void __sanitizer_cov_trace_pc_exit(void)'

int __sanitizer_cov_trace_pc_exit(int x)
{
	return x;
}

int user(int x)
{
	return x + 1;
}
