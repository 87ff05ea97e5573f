#!/bin/sh
# make demo: compile the bundled example with the installed GCC plugin (by
# name) and, where installed, clang with the pass plugin; run it under the
# kcov runtime in KCOV_TRACE_PC_EXT mode; print the record counts and the
# call tree the decoder rebuilds from the records.
set -eu
build=${1:-build}
prefix=${2:-/usr/local}
gcc=${CC:-gcc}
src=$(dirname "$0")/demo.c
out=$build/demo
kcov_ext=$build/bin/kcov-ext
runtime=$build/lib/libkcov_rt.a
expression="2 * (3 + 4) - 10 / (1 + 1)"
mkdir -p "$out"

echo "== $gcc -O2 -fno-inline -fsanitize-coverage=trace-pc -fplugin=kcov_ext -fplugin-arg-kcov_ext-verbose demo.c"
$gcc -O2 -fno-inline -fsanitize-coverage=trace-pc -fplugin=kcov_ext \
	-fplugin-arg-kcov_ext-verbose "$src" "$runtime" -o "$out/demo-gcc"

echo
echo "== hook call sites in the executable"
objdump -dr --no-show-raw-insn "$out/demo-gcc" |
	grep -oE 'call +[0-9a-f]+ <__sanitizer_cov_trace_pc(_entry|_exit)?>' |
	sed -E 's/.*<(.*)>/\1/' | sort | uniq -c

echo
echo "== KCOV_RT_MODE=ext ./demo-gcc '$expression', then: kcov-ext stats"
KCOV_RT_MODE=ext KCOV_RT_OUT="$out/gcc.area" "$out/demo-gcc" "$expression"
"$kcov_ext" stats "$out/gcc.area" --exe "$out/demo-gcc"
KCOV_RT_MODE=classic KCOV_RT_OUT="$out/gcc-classic.area" "$out/demo-gcc" "$expression" > /dev/null
echo "(classic KCOV_TRACE_PC mode, same run: $("$kcov_ext" stats "$out/gcc-classic.area" --classic |
	sed -n 's/^records: *//p') records, no exits)"

echo
echo "== kcov-ext tree (the calls the records describe)"
"$kcov_ext" tree "$out/gcc.area" --exe "$out/demo-gcc" > "$out/gcc.tree"
cat "$out/gcc.tree"

for version in 19 16 15 14; do
	plugin=$prefix/lib/kcov_ext/llvm-$version/KcovExt.so
	clang=/usr/lib/llvm-$version/bin/clang
	[ -f "$plugin" ] && [ -x "$clang" ] || continue
	echo
	echo "== clang-$version -O2 -fno-inline -fsanitize-coverage=trace-pc -fpass-plugin=$plugin"
	$clang -O2 -fno-inline -fsanitize-coverage=trace-pc "-fpass-plugin=$plugin" \
		"$src" "$runtime" -o "$out/demo-clang"
	KCOV_RT_MODE=ext KCOV_RT_OUT="$out/clang.area" "$out/demo-clang" "$expression" > /dev/null
	"$kcov_ext" tree "$out/clang.area" --exe "$out/demo-clang" > "$out/clang.tree"
	if cmp -s "$out/gcc.tree" "$out/clang.tree"; then
		echo "same call tree as with GCC ($(wc -l < "$out/clang.tree") calls)"
	else
		echo "call tree differs from GCC's:"
		diff "$out/gcc.tree" "$out/clang.tree" || true
	fi
	break
done
