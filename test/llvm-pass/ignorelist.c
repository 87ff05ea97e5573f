// clang's sancov allow and ignore lists decide which functions get
// coverage; the plugin follows that decision, also when the list leaves no
// function of the unit instrumented (an allow list without "src:").
// REQUIRES: clang
// RUN: echo 'fun:listed' > %t.ignore
// RUN: %clang -O1 -fsanitize-coverage=trace-pc -fsanitize-coverage-ignorelist=%t.ignore %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefix=IGNORE
// RUN: printf 'src:*\nfun:listed\n' > %t.allow
// RUN: %clang -O1 -fsanitize-coverage=trace-pc -fsanitize-coverage-allowlist=%t.allow %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefix=ALLOW
// RUN: echo 'fun:listed' > %t.allow-none
// RUN: %clang -O1 -fsanitize-coverage=trace-pc -fsanitize-coverage-allowlist=%t.allow-none %pass_plugin -S -emit-llvm %s -o - | %FileCheck %s --check-prefix=NONE
//
// IGNORE-LABEL: define{{.*}} void @listed(
// IGNORE-NOT:   __sanitizer_cov
// IGNORE:       ret void
// IGNORE-LABEL: define{{.*}} void @other(
// IGNORE:       call void @__sanitizer_cov_trace_pc_entry()
// IGNORE:       notail call void @__sanitizer_cov_trace_pc_exit()
// ALLOW-LABEL:  define{{.*}} void @listed(
// ALLOW:        call void @__sanitizer_cov_trace_pc_entry()
// ALLOW:        notail call void @__sanitizer_cov_trace_pc_exit()
// ALLOW-LABEL:  define{{.*}} void @other(
// ALLOW-NOT:    __sanitizer_cov
// ALLOW:        ret void
// NONE-NOT:     __sanitizer_cov

volatile int sink;

void listed(void)
{
	sink = 1;
}

void other(void)
{
	sink = 2;
}
