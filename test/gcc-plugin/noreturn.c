// Paths that do not return get no exit hook: noreturn calls,
// __builtin_unreachable, infinite loops. The entry hook is still there.
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o %t.O0.o 2>&1 | %FileCheck %s
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o %t.O2.o 2>&1 | %FileCheck %s
// RUN: %objcheck %t.O0.o | %FileCheck %s --check-prefix=OBJ
// RUN: %objcheck %t.O2.o | %FileCheck %s --check-prefix=OBJ
//
// CHECK: instrument dies(): entry replaced trace_pc, 0 exits
// CHECK: instrument spins(): entry {{.*}}, 0 exits
// CHECK: instrument unreachable_default(): entry replaced trace_pc, 1 exit
// CHECK: instrument maybe_dies(): entry replaced trace_pc, 1 exit
//
// OBJ: dies entries=1 exits=0 rets=0
// OBJ: spins entries=1 exits=0 rets=0
// OBJ: unreachable_default entries=1 exits=[[N:[1-9]]] rets=[[N]] uncovered-rets=0
// OBJ: maybe_dies entries=1 exits=1 rets=1 uncovered-rets=0
// OBJ: violations=0

void fatal(const char *) __attribute__((noreturn));
volatile int sink;

void dies(void)
{
	fatal("dies");
}

void spins(void)
{
	for (;;)
		sink++;
}

int unreachable_default(int x)
{
	switch (x) {
	case 0: return 5;
	case 1: return 9;
	default: __builtin_unreachable();
	}
}

int maybe_dies(int x)
{
	if (x < 0)
		fatal("negative");
	return x + 1;
}
