// The same program built by GCC + kcov_ext and by clang + this plugin makes
// the same sequence of (hook, function) events, with inlining off so both
// compilers keep the same calls. GCC's clone suffixes (.isra.0, .part.0,
// .constprop.0) are dropped before comparing.
// REQUIRES: clang
// RUN: %gcc -O0 -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/../../examples/demo.c -o %t.gcc-O0.o
// RUN: %gcc %t.gcc-O0.o %shadow_stack -o %t.gcc-O0
// RUN: %clang -O0 -fsanitize-coverage=trace-pc %pass_plugin -c %S/../../examples/demo.c -o %t.clang-O0.o
// RUN: %clang %t.clang-O0.o %shadow_stack -o %t.clang-O0
// RUN: env KCOV_EXT_CHECK_TRACE=%t.gcc-O0.trace %t.gcc-O0 '2 * (3 + 4) - 10 / (1 + 1)' | grep -x 9
// RUN: env KCOV_EXT_CHECK_TRACE=%t.clang-O0.trace %t.clang-O0 '2 * (3 + 4) - 10 / (1 + 1)' | grep -x 9
// RUN: sed -E 's/\.(isra|part|constprop)\.[0-9]+$//' %t.gcc-O0.trace > %t.gcc-O0.events
// RUN: diff %t.gcc-O0.events %t.clang-O0.trace
// RUN: %FileCheck %s --input-file %t.clang-O0.trace
// RUN: tail -n 2 %t.clang-O0.trace | %FileCheck %s --check-prefix=END
//
// RUN: %gcc -O2 -fno-inline -fsanitize-coverage=trace-pc %gcc_plugin_flag -c %S/../../examples/demo.c -o %t.gcc-O2.o
// RUN: %gcc %t.gcc-O2.o %shadow_stack -o %t.gcc-O2
// RUN: %clang -O2 -fno-inline -fsanitize-coverage=trace-pc %pass_plugin -c %S/../../examples/demo.c -o %t.clang-O2.o
// RUN: %clang %t.clang-O2.o %shadow_stack -o %t.clang-O2
// RUN: env KCOV_EXT_CHECK_TRACE=%t.gcc-O2.trace %t.gcc-O2 '2 * (3 + 4) - 10 / (1 + 1)' | grep -x 9
// RUN: env KCOV_EXT_CHECK_TRACE=%t.clang-O2.trace %t.clang-O2 '2 * (3 + 4) - 10 / (1 + 1)' | grep -x 9
// RUN: sed -E 's/\.(isra|part|constprop)\.[0-9]+$//' %t.gcc-O2.trace > %t.gcc-O2.events
// RUN: diff %t.gcc-O2.events %t.clang-O2.trace
// RUN: %FileCheck %s --input-file %t.clang-O2.trace
// RUN: tail -n 2 %t.clang-O2.trace | %FileCheck %s --check-prefix=END
//
// CHECK:      entry main
// CHECK-NEXT: entry expr
// CHECK-NEXT: entry term
// CHECK-NEXT: entry factor
// CHECK-NEXT: entry skip_spaces
// CHECK-NEXT: exit skip_spaces
// CHECK-NEXT: entry number
// CHECK-NEXT: exit number
// CHECK-NEXT: exit factor
// END:        exit expr
// END-NEXT:   exit main
// END-EMPTY:
