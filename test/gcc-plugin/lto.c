// With -flto the compile step only streams GIMPLE; the instrumenting pass
// runs at link (ltrans) time, and only when -fplugin is on the link line.
// RUN: %gcc -O2 -flto -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o %t.o
// RUN: %gcc -O2 -flto -fsanitize-coverage=trace-pc %gcc_plugin_flag %t.o %shadow_stack -o %t.with
// RUN: %objcheck %t.with | %FileCheck %s --check-prefix=WITH
// RUN: %t.with 2>&1 | %FileCheck %s --check-prefix=REPORT
// RUN: %gcc -O2 -flto -fsanitize-coverage=trace-pc %t.o %shadow_stack -o %t.without
// RUN: %objcheck %t.without | %FileCheck %s --check-prefix=WITHOUT
//
// WITH-DAG: work entries=1 exits=1 rets=1 uncovered-rets=0
// WITH-DAG: main entries=1 exits=1
// WITH: violations=0
// REPORT: kcov_ext-check: entries=2 exits=2 {{.*}} mismatches=0
// WITHOUT-DAG: work entries=0 exits=0
// WITHOUT-DAG: main entries=0 exits=0

__attribute__((noinline)) int work(int x)
{
	return x * 7;
}

int main(int argc, char **argv)
{
	(void)argv;
	return work(argc) == 7 ? 0 : 1;
}
