// clang + the pass plugin at every -O level, with and without trace-pc and
// -g: the IR verifies, each function has one entry hook and as many exit
// hooks as returns, the entry hook replaced sancov's entry-block call (the
// number of coverage calls is unchanged), and the machine code keeps the
// invariants (no jmp to a hook, no sibcall, every ret behind an exit).
// REQUIRES: clang
// RUN: for O in -O0 -O1 -O2 -O3 -Os -Oz; do for F in "" "-g" "-fno-omit-frame-pointer -fPIC"; do %clang $O $F -fsanitize-coverage=trace-pc %pass_plugin -c %S/../gcc-plugin/machine-code.c -o %t.o && %objcheck --quiet %t.o || exit 1; done; done | %FileCheck %s --check-prefix=OBJ
// RUN: for O in -O0 -O2 -Os; do %clang $O %pass_plugin -c %S/../gcc-plugin/machine-code.c -o %t.o && %objcheck --quiet %t.o || exit 1; done | %FileCheck %s --check-prefix=OBJ-ALONE
// RUN: for O in -O0 -O2; do %clang $O -g -fsanitize-coverage=trace-pc %pass_plugin -S -emit-llvm %S/../gcc-plugin/machine-code.c -o %t$O.ll && %opt -passes=verify -disable-output %t$O.ll || exit 1; done
// RUN: for O in -O0 -O1 -O2 -O3 -Os; do %clang $O -fsanitize-coverage=trace-pc -S -emit-llvm %S/../gcc-plugin/Inputs/branchy.c -o - | grep -cE 'call void @__sanitizer_cov_trace_pc\(\)'; done > %t.plain
// RUN: for O in -O0 -O1 -O2 -O3 -Os; do %clang $O -fsanitize-coverage=trace-pc %pass_plugin -S -emit-llvm %S/../gcc-plugin/Inputs/branchy.c -o - | grep -cE 'call void @__sanitizer_cov_trace_pc(_entry)?\(\)'; done > %t.plugin
// RUN: diff %t.plain %t.plugin
// RUN: %clang -O2 %pass_plugin -S -emit-llvm %S/../gcc-plugin/Inputs/branchy.c -o - | %FileCheck %s --check-prefix=ALONE
//
// OBJ-COUNT-18: objcheck: functions=4 instrumented=4 entries=4 {{.*}} violations=0
// OBJ-ALONE-COUNT-3: objcheck: functions=4 instrumented=4 entries=4 {{.*}} violations=0
// ALONE-NOT:   __sanitizer_cov_trace_pc()
// ALONE-LABEL: define{{.*}} i32 @branchy(
// ALONE-NEXT:  call void @__sanitizer_cov_trace_pc_entry()
// ALONE:       notail call void @__sanitizer_cov_trace_pc_exit()
// ALONE-NOT:   __sanitizer_cov_trace_pc()
