// The machine-code invariants (one entry per function, every ret preceded
// by the exit hook on every path, no sibcall, no jmp to a hook) across -O
// levels and code models, including the kernel's: return thunks, indirect
// branch thunks, no red zone, frame pointers.
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Og; do for F in "" "-fsanitize-coverage=trace-pc" "-fPIC -g" "-fno-omit-frame-pointer -fno-jump-tables"; do %gcc $O $F %gcc_plugin_flag -c %s -o %t.o && %objcheck --quiet %t.o || exit 1; done; done | %FileCheck %s
// RUN: for O in -O2 -Os; do %gcc $O -mcmodel=kernel -fno-PIE -mno-red-zone -fno-asynchronous-unwind-tables -mfunction-return=thunk-extern -mindirect-branch=thunk-extern -mindirect-branch-register -fno-jump-tables -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %s -o %t.k.o && %objcheck %t.k.o || exit 1; done | %FileCheck %s --check-prefix=KERNEL
// CHECK-COUNT-24: objcheck: functions={{[0-9]+}} instrumented={{[0-9]+}} entries=[[E:[0-9]+]] exits={{[0-9]+}} rets={{[0-9]+}} violations=0
// Returns are jmp __x86_return_thunk there:
// KERNEL: dispatch entries=1 exits={{[1-9][0-9]*}} rets={{[1-9][0-9]*}} uncovered-rets=0 sibcalls=0
// KERNEL-COUNT-2: violations=0
#include "../e2e/many-returns.c"

int (*table[4])(int);

int dispatch(unsigned int i, int x)
{
	if (i >= 4)
		return -1;
	return table[i](x);
}

struct node { struct node *next; int v; };

int walk(struct node *n)
{
	int sum = 0;

	while (n) {
		if (n->v < 0)
			return sum;
		sum += n->v;
		n = n->next;
	}
	return sum;
}
