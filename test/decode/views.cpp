// The views on a real recording of a C++ program: names demangled (or, with
// --mangled, as the symbols spell them), raw records with their source
// lines from DWARF, trace and speedscope JSON nesting as the tree does,
// stats --top and the flame graph.
// RUN: %cxx_hooks -O1 -g %s %kcov_rt -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %decoder_cli tree %t.area > %t.tree
// RUN: %FileCheck %s --input-file %t.tree --match-full-lines
// CHECK:      main
// CHECK-NEXT:   shapes::Square::area(int) const
// CHECK-NEXT:   int shapes::twice<int>(int)
// CHECK-NEXT:     shapes::Square::area(int) const
// CHECK-EMPTY:
// RUN: %decoder_cli tree %t.area --mangled | %FileCheck %s --check-prefix=MANGLED --match-full-lines
// MANGLED:      main
// MANGLED-NEXT:   _ZNK6shapes6Square4areaEi
// MANGLED-NEXT:   _ZN6shapes5twiceIiEET_S1_
// RUN: %decoder_cli tree %t.area --focus 'int shapes::twice*' | %FileCheck %s --check-prefix=FOCUS --match-full-lines
// FOCUS:      int shapes::twice<int>(int)
// FOCUS-NEXT:   shapes::Square::area(int) const
// FOCUS-EMPTY:
// A demangled name also matches without its parameters.
// RUN: %decoder_cli tree %t.area --prune shapes::Square::area | %FileCheck %s --check-prefix=PRUNE --match-full-lines
// PRUNE:      main
// PRUNE-NEXT:   int shapes::twice<int>(int)
// PRUNE-EMPTY:
//
// raw: the hook call's file and line.
// RUN: %decoder_cli raw %t.area | %FileCheck %s --check-prefix=RAW
// (main: lines 64-72; Square::area: 49-53.)
// RAW: 0 entry 0x{{[0-9a-f]+}} main+0x{{[0-9a-f]+}} {{.*}}views.cpp:{{6[4-9]|7[0-2]}}{{$}}
// RAW: 1 entry 0x{{[0-9a-f]+}} shapes::Square::area(int) const+0x{{[0-9a-f]+}} {{.*}}views.cpp:{{49|5[0-3]}}{{$}}
// RAW: exit 0x{{[0-9a-f]+}} main+0x{{[0-9a-f]+}} {{.*}}views.cpp:{{6[4-9]|7[0-2]}}{{$}}
//
// RUN: %decoder_cli trace %t.area > %t.trace.json
// RUN: %check_profile_json trace %t.trace.json | diff %t.tree -
// RUN: %decoder_cli speedscope %t.area > %t.speedscope.json
// RUN: %check_profile_json speedscope %t.speedscope.json | diff %t.tree -
// RUN: %decoder_cli stats %t.area --top 1 | %FileCheck %s --check-prefix=TOP
// TOP: self {{.*}} function
// TOP-NEXT: {{.*}}  2  shapes::Square::area(int) const
// RUN: %decoder_cli flamegraph %t.area | %FileCheck %s --check-prefix=SVG
// SVG: <title>int shapes::twice&lt;int&gt;(int) (
#include <cstdio>

namespace shapes {
struct Square {
	int side;
	__attribute__((noinline)) int area(int scale) const
	{
		return side * side * scale;
	}
};

template <typename T> __attribute__((noinline)) T twice(T x)
{
	Square s{ x };
	return 2 * s.area(1);
}
} // namespace shapes

static volatile int sink;

int main()
{
	shapes::Square s{ 3 };

	sink = s.area(2);
	sink += shapes::twice(sink);
	std::printf("%d\n", sink);
	return 0;
}
