// C++ exceptions: frames with a cleanup (a destructor to run) report their
// exit on the way out, through the exit hook placed before
// _Unwind_Resume; the catching frame reports its exit when it returns.
// RUN: %e2e_cxx -O0 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// RUN: %e2e_cxx -O2 | %FileCheck %s --check-prefix=REPORT
// RUN: env KCOV_EXT_CHECK_TRACE=%t.trace %t.inst > /dev/null 2>&1
// RUN: %FileCheck %s --input-file %t.trace
// REPORT: mismatches=0 unmatched-exits=0 open=0
// The trace names functions by their symbols (mangled).
// CHECK:      entry main
// CHECK-NEXT: entry _ZL3runi
// CHECK-NEXT: entry _ZL12with_cleanupi
// CHECK-NEXT: entry _ZN5GuardC{{[12]}}Ev
// CHECK-NEXT: exit _ZN5GuardC{{[12]}}Ev
// CHECK-NEXT: entry _ZL7throweri
// CHECK-NEXT: entry _ZN5GuardC{{[12]}}Ev
// CHECK-NEXT: exit _ZN5GuardC{{[12]}}Ev
// CHECK-NEXT: entry _ZN5GuardD{{[12]}}Ev
// CHECK-NEXT: exit _ZN5GuardD{{[12]}}Ev
// CHECK-NEXT: exit _ZL7throweri
// CHECK-NEXT: entry _ZN5GuardD{{[12]}}Ev
// CHECK-NEXT: exit _ZN5GuardD{{[12]}}Ev
// CHECK-NEXT: exit _ZL12with_cleanupi
// CHECK-NEXT: exit _ZL3runi
// CHECK-NEXT: exit main
// CHECK-EMPTY:
#include <cstdio>
#include <stdexcept>

static int live;

struct Guard {
	__attribute__((noinline)) Guard() { live++; }
	__attribute__((noinline)) ~Guard() { live--; }
};

__attribute__((noinline)) static void thrower(int x)
{
	Guard g;

	if (x > 0)
		throw std::runtime_error("boom");
}

__attribute__((noinline)) static void with_cleanup(int x)
{
	Guard g;

	thrower(x);
}

__attribute__((noinline)) static int run(int x)
{
	try {
		with_cleanup(x);
	} catch (const std::exception &e) {
		return 1;
	}
	return 0;
}

int main()
{
	int r = run(1);

	std::printf("caught %d, live %d\n", r, live);
	return 0;
}
