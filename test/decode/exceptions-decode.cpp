// An exception caught in main after it left frames without cleanups (GCC:
// no exit for them): the decoder closes those frames at main's catch
// block, so the call after the catch hangs under main. (C names: the
// decoder does not demangle.)
// RUN: %cxx_hooks -O1 %s %kcov_rt -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %decoder_cli tree %t.area 2>/dev/null | %FileCheck %s --match-full-lines
// RUN: %decoder_cli stats %t.area 2>/dev/null | %FileCheck %s --check-prefix=STATS-%cc_family
// CHECK:      main
// CHECK-NEXT:   passes
// CHECK-NEXT:     thrower
// CHECK-NEXT:   after_catch
// CHECK-EMPTY:
// STATS-gcc: resynced frames: 2
// STATS-clang: resynced frames: 0
// STATS-gcc: open at end: 0
// STATS-clang: open at end: 0
#include <cstdio>

static volatile int sink;

extern "C" __attribute__((noinline)) void thrower(int x)
{
	if (x)
		throw x;
}

extern "C" __attribute__((noinline)) void passes(int x)
{
	thrower(x);
	sink = x;
}

extern "C" __attribute__((noinline)) void after_catch()
{
	sink = 1;
}

int main()
{
	try {
		passes(sink + 3);
	} catch (int e) {
		sink = e;
	}
	after_catch();
	std::printf("%d\n", sink);
	return 0;
}
