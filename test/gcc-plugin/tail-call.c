// A call in tail position stops being a sibcall: the exit hook goes after
// it, so the trace nests (entry f, entry g, exit g, exit f). GCC drops any
// statement after a call it expands as a sibcall, so without unmarking the
// call the exit hook would silently vanish; and the exit hook itself is
// never reached by a jmp.
// RUN: %gcc -O2 %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -S %s -o %t.s 2> %t.verbose
// RUN: %FileCheck %s < %t.s
// RUN: %FileCheck %s --check-prefix=VERBOSE < %t.verbose
// RUN: %gcc -O3 -fsanitize-coverage=trace-pc %gcc_plugin_flag -S %s -o - | %FileCheck %s
// RUN: %gcc -Os %gcc_plugin_flag -S %s -o - | %FileCheck %s
// RUN: for O in -O1 -O2 -O3 -Os; do %gcc $O %gcc_plugin_flag -c %s -o %t$O.o && %objcheck %t$O.o; done | %FileCheck %s --check-prefix=OBJ
// The same code without the plugin does make sibcalls: the test exercises them.
// RUN: %gcc -O2 -S %s -o - | %FileCheck %s --check-prefix=PLAIN
//
// CHECK-NOT:   jmp{{.*}}__sanitizer_cov
// CHECK-LABEL: direct:
// CHECK:       call{{.*}}__sanitizer_cov_trace_pc_entry
// CHECK:       call{{.*}}callee
// CHECK-NEXT:  movl
// CHECK-NEXT:  call{{.*}}__sanitizer_cov_trace_pc_exit
// CHECK-NOT:   jmp{{.*}}callee
// CHECK-LABEL: indirect:
// CHECK:       call{{.*}}__sanitizer_cov_trace_pc_entry
// CHECK:       call *
// CHECK:       call{{.*}}__sanitizer_cov_trace_pc_exit
// CHECK-NOT:   jmp *
// CHECK-LABEL: through_phi:
// CHECK-NOT:   jmp{{.*}}callee
// CHECK-LABEL: void_tail:
// CHECK:       call{{.*}}consume
// CHECK-NEXT:  {{(addq|popq|movl).*|call.*__sanitizer_cov_trace_pc_exit}}
// CHECK-NOT:   jmp{{.*}}consume
// CHECK:       .size void_tail
// CHECK-NOT:   jmp{{.*}}__sanitizer_cov
//
// VERBOSE: instrument direct(): entry inserted, 1 exit, 1 tail call kept as calls
// VERBOSE: instrument indirect(): entry inserted, 1 exit, 1 tail call kept as calls
// VERBOSE: instrument through_phi(): entry inserted, 1 exit, 2 tail calls kept as calls
// VERBOSE: instrument void_tail(): entry inserted, 1 exit, 1 tail call kept as calls
//
// OBJ-COUNT-4: objcheck: functions=4 instrumented=4 entries=4 {{.*}} violations=0
//
// PLAIN-LABEL: direct:
// PLAIN:       jmp{{.*}}callee
// PLAIN-LABEL: indirect:
// PLAIN:       jmp *
// PLAIN-LABEL: through_phi:
// PLAIN:       jmp{{.*}}callee

int callee(int);
int callee2(int);
void consume(int);
extern int (*volatile target)(int);

int direct(int x)
{
	return callee(x + 1);
}

int indirect(int x)
{
	return target(x);
}

/* tailc marks calls in the predecessors of a return block holding PHIs. */
int through_phi(int x)
{
	if (x > 10)
		return callee(x - 10);
	return callee2(x);
}

void void_tail(int x)
{
	consume(x * 3);
}
