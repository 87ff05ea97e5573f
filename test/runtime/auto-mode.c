// Collection without code changes: KCOV_RT_MODE, KCOV_RT_SIZE, KCOV_RT_OUT
// and KCOV_RT_RESET_MS, and their errors.
// RUN: %gcc -O2 -fsanitize-coverage=trace-pc %gcc_plugin_flag %s %kcov_rt -o %t
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=%t.ext %t 3
// RUN: %decoder_cli stats %t.ext --exe %t | %FileCheck %s --check-prefix=EXT
// EXT: entry: 4
// EXT: exit: 4
// EXT: open at end: 0
// RUN: env KCOV_RT_MODE=classic KCOV_RT_OUT=%t.classic %t 3
// RUN: %decoder_cli stats %t.classic | %FileCheck %s --check-prefix=CLASSIC
// CLASSIC: exit: 0
// Without KCOV_RT_MODE nothing is collected or written.
// RUN: rm -f %t.none && env KCOV_RT_OUT=%t.none %t 3 && test ! -e %t.none
// A full area stops recording: KCOV_RT_SIZE counts area[0] too. The load
// map beside it says how large it was, so the decoder knows it is full.
// RUN: env KCOV_RT_MODE=ext KCOV_RT_SIZE=5 KCOV_RT_OUT=%t.small %t 3
// RUN: %FileCheck %s --check-prefix=SMALLMAP < %t.small.map
// SMALLMAP: kcov-ext-map 1
// SMALLMAP-NEXT: mode ext
// SMALLMAP-NEXT: size 5
// RUN: %not %decoder_cli stats %t.small > %t.small.out 2> %t.small.err
// RUN: %FileCheck %s --check-prefix=SMALL < %t.small.out
// RUN: %FileCheck %s --check-prefix=SMALL-ERR < %t.small.err
// SMALL: records: 4
// SMALL: full: yes
// SMALL-ERR: kcov-ext: {{.*}}.small: the area is full: records after the first 4 were dropped
// Recording nowhere is refused, unless a benchmark resets the area.
// RUN: env KCOV_RT_MODE=ext %not %t 3 2>&1 | %FileCheck %s --check-prefix=NOOUT
// NOOUT: kcov-ext: KCOV_RT_MODE=ext needs KCOV_RT_OUT=FILE to write the records to
// RUN: env KCOV_RT_MODE=ext KCOV_RT_RESET_MS=100 %t 3
// Emptied every millisecond, a long run keeps only its last records.
// RUN: env KCOV_RT_MODE=ext KCOV_RT_SIZE=4194304 KCOV_RT_RESET_MS=1 KCOV_RT_OUT=%t.reset %t 3000000
// RUN: %decoder_cli stats %t.reset 2>/dev/null | awk '/^records:/ { exit !($2 < 4194303) }'
// RUN: env KCOV_RT_MODE=ext KCOV_RT_SIZE=4194304 KCOV_RT_OUT=%t.noreset %t 3000000
// RUN: %not %decoder_cli stats %t.noreset 2>/dev/null | %FileCheck %s --check-prefix=NORESET
// NORESET: records: 4194303
// NORESET: full: yes
// Bad values: a message and exit status 2 before main() runs.
// RUN: env KCOV_RT_MODE=bogus KCOV_RT_OUT=%t.bogus %not %t 3 2>&1 | %FileCheck %s --check-prefix=BADMODE
// BADMODE: kcov-ext: KCOV_RT_MODE=bogus: expected classic or ext
// RUN: env KCOV_RT_MODE=ext KCOV_RT_SIZE=1 KCOV_RT_OUT=%t.bogus %not %t 3 2>&1 | %FileCheck %s --check-prefix=BADSIZE
// BADSIZE: kcov-ext: KCOV_RT_SIZE=1: expected 2 to 2^31 records
// RUN: env KCOV_RT_MODE=ext KCOV_RT_RESET_MS=0 KCOV_RT_OUT=%t.bogus %not %t 3 2>&1 | %FileCheck %s --check-prefix=BADRESET
// BADRESET: kcov-ext: KCOV_RT_RESET_MS=0: expected 1 to 60000
// RUN: env KCOV_RT_MODE=ext KCOV_RT_OUT=/nonexistent/dir/area %not %t 3 2>&1 | %FileCheck %s --check-prefix=BADOUT
// BADOUT: kcov-ext: /nonexistent/dir/area: No such file or directory
#include <stdlib.h>

volatile long sink;

__attribute__((noinline)) static void step(long i)
{
	sink += i;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1;

	for (long i = 0; i < n; i++)
		step(i);
	return 0;
}
