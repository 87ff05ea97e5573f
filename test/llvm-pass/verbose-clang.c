// clang's verbose option: -mllvm -kcov-ext-verbose. clang 14-19 parse the
// -mllvm options before they load -fpass-plugin plugins, so the plugin
// must be loaded once more with -Xclang -load for its option to exist.
// REQUIRES: clang
// RUN: %clang -O2 -fsanitize-coverage=trace-pc %pass_plugin -Xclang -load -Xclang %llvm_plugin -mllvm -kcov-ext-verbose -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %clang -O2 -fsanitize-coverage=trace-pc %pass_plugin -c %s -o %t.o 2>&1 | %count 0

// CHECK:      kcov-ext: instrument leaf(): entry replaced trace_pc, 1 exit
// CHECK-NEXT: kcov-ext: instrument branch(): entry replaced trace_pc, 1 exit
// CHECK-NOT:  kcov-ext:

__attribute__((noinline)) int leaf(int x)
{
	return x * 3;
}

int branch(int x)
{
	if (x > 10)
		return leaf(x);
	return x - 1;
}

__attribute__((no_sanitize("coverage"))) int plain(int x)
{
	return x + 1;
}
