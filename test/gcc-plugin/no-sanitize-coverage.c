// Functions that sancov skips get no hooks either: GCC 12 and later honour
// __attribute__((no_sanitize_coverage)), which the kernel's noinstr uses.
// A section attribute alone does not stop sancov, so it does not stop the
// plugin. (GCC 11: no-sanitize-coverage-gcc11.c.)
// REQUIRES: gcc-no-sanitize-coverage
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag -fplugin-arg-kcov_ext-verbose -c %s -o %t.o -fdump-tree-optimized=%t.dump 2>&1 | %FileCheck %s
// RUN: %FileCheck %s --check-prefix=DUMP < %t.dump
// RUN: %objcheck %t.o | %FileCheck %s --check-prefix=OBJ
// RUN: %gcc -O0 %gcc_plugin_flag -c %s -o /dev/null -fdump-tree-optimized=- | %FileCheck %s --check-prefix=DUMP
//
// CHECK: kcov_ext: skip skipped(): no_sanitize_coverage
// CHECK: kcov_ext: skip noinstr_like(): no_sanitize_coverage
// CHECK: kcov_ext: instrument section_only(): entry {{.*}}, 1 exit
//
// DUMP-LABEL: int skipped (int x)
// DUMP-NOT:   sanitizer_cov
// DUMP-LABEL: int noinstr_like (int x)
// DUMP-NOT:   sanitizer_cov
// DUMP-LABEL: int section_only (int x)
// DUMP:       __sanitizer_cov_trace_pc_entry ();
// DUMP:       __sanitizer_cov_trace_pc_exit ();
//
// OBJ: skipped entries=0 exits=0
// OBJ: noinstr_like entries=0 exits=0 {{.*}} noinstr-hooks=0
// OBJ: section_only entries=1 exits=1
// OBJ: violations=0
#include "Inputs/no-sanitize-coverage.h"
