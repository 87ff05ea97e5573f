// -finstrument-functions builds linked with the runtime: its hooks record
// each function's own address, not a return address, and the decoder names
// the function starting there (not the one before it).
// RUN: %cc_plain -O1 -finstrument-functions %s %kcov_rt -o %t.rec
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.area %t.rec
// RUN: %decoder_cli tree %t.area | %FileCheck %s --match-full-lines
// RUN: %decoder_cli stats %t.area | %FileCheck %s --check-prefix=STATS
// CHECK:      main
// CHECK-NEXT:   work
// CHECK-NEXT:     step
// CHECK-NEXT:     step
// CHECK-EMPTY:
// STATS: resynced frames: 0
// STATS: stray records: 0
// STATS: open at end: 0
#include <stdio.h>

static volatile int sink;

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
	work(2);
	printf("%d\n", sink);
	return 0;
}
