// -flto=thin and -flto=full: the pass runs in the compile step, after
// sancov (clang runs both in the pre-link pipeline), and the link-time
// optimizer keeps the exit hooks notail, so the linked program has no jmp
// to a hook and its trace nests.
// REQUIRES: clang
// RUN: %clang -O2 -flto=thin -fsanitize-coverage=trace-pc %pass_plugin -c %S/../e2e/tail-calls.c -o %t.thin.o
// RUN: %clang -O2 -flto=thin -fuse-ld=lld %t.thin.o %shadow_stack -o %t.thin
// RUN: %objcheck --quiet %t.thin | %FileCheck %s --check-prefix=OBJ
// RUN: %t.thin 2>&1 >/dev/null | %FileCheck %s
// RUN: %clang -O2 -flto=full -fsanitize-coverage=trace-pc %pass_plugin -c %S/../e2e/tail-calls.c -o %t.full.o
// RUN: %clang -O2 -flto=full -fuse-ld=lld %t.full.o %shadow_stack -o %t.full
// RUN: %objcheck --quiet %t.full | %FileCheck %s --check-prefix=OBJ
// RUN: %t.full 2>&1 >/dev/null | %FileCheck %s
// OBJ: objcheck: {{.*}} violations=0
// CHECK: kcov_ext-check: entries=5 exits=5 {{.*}} mismatches=0 unmatched-exits=0 open=0
