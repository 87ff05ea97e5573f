// An exception that leaves frames without a cleanup (nothing to destroy).
// GCC + kcov_ext: the unwinder skips those frames, so they report no exit;
// the checker sees the throw (it wraps the unwinder) and closes them as
// skipped where the catching frame runs again, not as mismatches. clang +
// KcovExt.so: every call that may throw gets a cleanup that calls the exit
// hook (EscapeEnumerator), so nothing is skipped.
// RUN: %e2e_cxx -O2 | %FileCheck %s --check-prefixes=CHECK,%cc_family
// RUN: %e2e_cxx -O0 | %FileCheck %s --check-prefixes=CHECK,%cc_family
// CHECK-NOT: MISMATCH
// CHECK: mismatches=0 unmatched-exits=0 open=0
// gcc: throws={{[1-9][0-9]*}} skipped={{[1-9][0-9]*}}
// clang: throws={{[1-9][0-9]*}} skipped=0
#include <cstdio>

static volatile int sink;

__attribute__((noinline)) static void thrower(int x)
{
	if (x)
		throw x;
}

__attribute__((noinline)) static void passes(int x)
{
	thrower(x);
	sink = x;
}

__attribute__((noinline)) static int catcher(int x)
{
	try {
		passes(x);
	} catch (int e) {
		return e;
	}
	return 0;
}

int main()
{
	std::printf("%d\n", catcher(3));
	return 0;
}
