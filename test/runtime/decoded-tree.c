// The call tree the decoder rebuilds from a real recorded run equals the
// calls the program made (as it logs them itself), for GCC + kcov_ext and
// clang + KcovExt.so, at -O0 and -O2 (noinline functions).
// REQUIRES: clang
// RUN: %gcc -O0 -c %S/Inputs/call-log.c -o %t.log.o
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag %s %t.log.o %kcov_rt -o %t.gcc-O0
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.gcc-O0.area %t.gcc-O0 %t.gcc-O0.expected
// RUN: %decoder_cli tree %t.gcc-O0.area --exe %t.gcc-O0 > %t.gcc-O0.tree
// RUN: diff %t.gcc-O0.expected %t.gcc-O0.tree
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag %s %t.log.o %kcov_rt -o %t.gcc-O2
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.gcc-O2.area %t.gcc-O2 %t.gcc-O2.expected
// GCC may clone walk() for its constant argument: walk.constprop.0.
// RUN: %decoder_cli tree %t.gcc-O2.area --exe %t.gcc-O2 | sed -E 's/\.(constprop|isra|part)\.[0-9]+$//' > %t.gcc-O2.tree
// RUN: diff %t.gcc-O2.expected %t.gcc-O2.tree
// RUN: %decoder_cli stats %t.gcc-O2.area --exe %t.gcc-O2 | %FileCheck %s --check-prefix=STATS
// RUN: %clang -O2 -fsanitize-coverage=trace-pc %pass_plugin %s %t.log.o %kcov_rt -o %t.clang-O2
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.clang-O2.area %t.clang-O2 %t.clang-O2.expected
// RUN: %decoder_cli tree %t.clang-O2.area --exe %t.clang-O2 > %t.clang-O2.tree
// RUN: diff %t.clang-O2.expected %t.clang-O2.tree
// RUN: %FileCheck %s --input-file %t.clang-O2.tree --match-full-lines --strict-whitespace
//
// CHECK:main
// CHECK-NEXT:  walk
// CHECK-NEXT:    walk
// CHECK-NEXT:      walk
// CHECK-NEXT:        walk
// CHECK-NEXT:        visit
// CHECK-NEXT:        walk
// CHECK-NEXT:      visit
// STATS: unmatched exits: 0
// STATS: resynced frames: 0
// STATS: stray records: 0
// STATS: open at end: 0
#include <stdlib.h>

void call_log_enter(const char *name);
void call_log_leave(void);
void call_log_write(const char *path);

struct node {
	int value;
	struct node *left, *right;
};

typedef int (*visit_fn)(const struct node *);

__attribute__((noinline)) static int visit(const struct node *n)
{
	call_log_enter("visit");
	int r = n->value & 1;
	call_log_leave();
	return r;
}

__attribute__((noinline)) static int walk(const struct node *n, visit_fn fn)
{
	int odd;

	call_log_enter("walk");
	if (!n) {
		call_log_leave();
		return 0;
	}
	odd = walk(n->left, fn) + fn(n) + walk(n->right, fn);
	call_log_leave();
	return odd;
}

static struct node nodes[7] = {
	{ 4, &nodes[1], &nodes[2] }, { 2, &nodes[3], &nodes[4] },
	{ 6, &nodes[5], &nodes[6] }, { 1, 0, 0 }, { 3, 0, 0 }, { 5, 0, 0 }, { 7, 0, 0 },
};

int main(int argc, char **argv)
{
	int odd;

	call_log_enter("main");
	odd = walk(&nodes[0], visit);
	call_log_leave();
	if (argc > 1)
		call_log_write(argv[1]);
	return odd == 4 ? 0 : 1;
}
