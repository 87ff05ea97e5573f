// A naked function has no frame to return through, and a call in it would
// clobber registers its asm body relies on: no entry or exit hook, even
// though GCC's sancov puts its trace_pc call there.
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o /dev/null -fdump-tree-optimized=- 2>&1 | %FileCheck %s
// RUN: %gcc -O0 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- 2>&1 | %FileCheck %s --check-prefix=ALONE
//
// CHECK:       kcov_ext: skip bare(): naked
// CHECK-LABEL: bare ()
// CHECK-NOT:   __sanitizer_cov_trace_pc_entry
// CHECK-NOT:   __sanitizer_cov_trace_pc_exit
// CHECK:       }
// ALONE-LABEL: bare ()
// ALONE-NOT:   __sanitizer_cov
// ALONE:       }

__attribute__((naked)) void bare(void)
{
	__asm__("ret");
}
