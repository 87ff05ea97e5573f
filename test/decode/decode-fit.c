// The decoder refuses symbols that do not fit the trace, with exit status
// 2 and no output: another program's (by the build ID the load map keeps,
// or without the map by PCs that are no hook call sites), or a stripped
// copy. It tells a classic area from an ext one by its map, or without the
// map by its records.
// RUN: %cc_hooks -O1 %s %kcov_rt -o %t.rec
// RUN: %cc_hooks -O1 -DOTHER %s %kcov_rt -o %t.other
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %decoder_cli tree %t.area | %FileCheck %s --check-prefix=TREE --match-full-lines
// TREE:      main
// TREE-NEXT:   work
// TREE-NEXT:     step
//
// RUN: %not %decoder_cli tree %t.area --exe %t.other > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=BUILD-ID < %t.err
// RUN: test ! -s %t.out
// BUILD-ID: kcov-ext: {{.*}}.other: build ID {{[0-9a-f]+}}, but the area was recorded from {{[0-9a-f]+}}
//
// RUN: cp %t.area %t.nomap
// RUN: %not %decoder_cli tree %t.nomap --exe %t.other > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=MISFIT < %t.err
// RUN: test ! -s %t.out
// MISFIT: kcov-ext: {{.*}}.nomap: the symbols do not fit this trace: of {{[0-9]+}} distinct PCs, {{[0-9]+}} lie in no function and {{[0-9]+}} not just after a call to a hook, e.g. 0x
// MISFIT-NEXT: kcov-ext: are they from another program or build, or a stripped one?
// RUN: %decoder_cli tree %t.nomap --exe %t.rec | %FileCheck %s --check-prefix=TREE --match-full-lines
//
// RUN: strip -o %t.stripped %t.rec
// RUN: %not %decoder_cli tree %t.area --exe %t.stripped 2>&1 | %FileCheck %s --check-prefix=STRIPPED
// STRIPPED: kcov-ext: {{.*}}.area: the symbols do not fit this trace
// RUN: %not %decoder_cli tree %t.nomap --exe %t.stripped 2>&1 | %FileCheck %s --check-prefix=STRIPPED-NOMAP
// STRIPPED-NOMAP: kcov-ext: {{.*}}.nomap: the symbols do not fit this trace
//
// RUN: env KCOV_RT_MODE=classic KCOV_RT_OUT=%t.classic %t.rec
// RUN: %decoder_cli stats %t.classic | %FileCheck %s --check-prefix=CLASSIC
// CLASSIC: mode: classic
// CLASSIC: exit: 0
// RUN: %not %decoder_cli stats %t.classic --ext 2>&1 | %FileCheck %s --check-prefix=CLASSIC-EXT
// CLASSIC-EXT: kcov-ext: {{.*}}.classic.map says the area was recorded in classic mode
// RUN: cp %t.classic %t.classic-nomap
// RUN: %decoder_cli tree %t.classic-nomap --exe %t.rec > %t.out 2> %t.err
// RUN: %FileCheck %s --check-prefix=DETECT < %t.err
// RUN: %FileCheck %s --check-prefix=DETECT-TREE --match-full-lines < %t.out
// DETECT: kcov-ext: {{.*}}.classic-nomap: no exit or block records: reading it as a classic (KCOV_TRACE_PC) area; --ext reads it as calls
// DETECT-TREE:      main
// DETECT-TREE-NEXT: work
// DETECT-TREE-NEXT: step
#include <stdio.h>

static volatile int sink;

#ifdef OTHER
__attribute__((noinline)) static void other_step(int i)
{
	sink += i * 3;
}

int main(void)
{
	for (int i = 0; i < 7; i++)
		other_step(i);
	printf("%d\n", sink);
	return 0;
}
#else
__attribute__((noinline)) static void step(int i)
{
	sink += i;
}

__attribute__((noinline)) static void work(int n)
{
	for (int i = 0; i < n; i++)
		step(i);
}

int main(void)
{
	work(3);
	printf("%d\n", sink);
	return 0;
}
#endif
