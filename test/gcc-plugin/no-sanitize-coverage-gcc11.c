// GCC 11 ignores __attribute__((no_sanitize_coverage)) with a warning, and
// its sancov instruments the function anyway; the plugin does the same, so
// the hooks follow trace_pc. objcheck reports the result in .noinstr.text,
// which is what the kernel's objtool NOPs out for GCC 11 builds.
// REQUIRES: gcc-11
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o %t.o 2>&1 | %FileCheck %s
// RUN: %not %objcheck %t.o | %FileCheck %s --check-prefix=OBJ
//
// CHECK: warning: 'no_sanitize_coverage' attribute directive ignored
// CHECK: kcov_ext: instrument skipped(): entry replaced trace_pc, 1 exit
// CHECK: kcov_ext: instrument noinstr_like(): entry replaced trace_pc, 1 exit
// CHECK: kcov_ext: instrument section_only(): entry replaced trace_pc, 1 exit
//
// OBJ: skipped entries=1 exits=1
// OBJ: FAIL noinstr_like entries=1 exits=1 {{.*}} noinstr-hooks={{[1-9]}}
// OBJ: section_only entries=1 exits=1
// OBJ: violations={{[1-9]}}
#include "Inputs/no-sanitize-coverage.h"
