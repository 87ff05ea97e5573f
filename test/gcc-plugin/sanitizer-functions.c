// Functions whose names start with __sanitizer_ are the coverage runtime:
// instrumenting them would recurse. A unit that declares or defines the
// hooks itself gets its own declarations reused, not a second symbol.
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o %t.o -fdump-tree-optimized=%t.dump 2>&1 | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=DUMP < %t.dump
// RUN: nm %t.o | %FileCheck %s --check-prefix=NM
//
// CHECK: kcov_ext: skip __sanitizer_cov_trace_pc_entry(): __sanitizer_ function
// CHECK: kcov_ext: skip __sanitizer_cov_trace_pc_exit(): __sanitizer_ function
// CHECK: kcov_ext: skip __sanitizer_helper(): __sanitizer_ function
// CHECK: kcov_ext: instrument user(): entry replaced trace_pc, 1 exit
//
// DUMP-LABEL: void __sanitizer_helper (int x)
// DUMP-NOT:   __sanitizer_cov_trace_pc_
// DUMP-LABEL: int user (int x)
// DUMP:       __sanitizer_cov_trace_pc_entry ();
//
// NM: T __sanitizer_cov_trace_pc_entry
// NM: T __sanitizer_cov_trace_pc_exit
// NM-NOT: U __sanitizer_cov_trace_pc_e
// NM: T user

unsigned long records;

void __sanitizer_cov_trace_pc_entry(void)
{
	records++;
}

void __sanitizer_cov_trace_pc_exit(void)
{
	records += 2;
}

__attribute__((noinline)) void __sanitizer_helper(int x)
{
	if (x)
		records = 0;
}

int user(int x)
{
	__sanitizer_helper(x);
	return x + 1;
}
