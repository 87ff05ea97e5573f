#!/bin/sh
# make demo: build kcov_ext (the build's chatter goes to a log), compile
# the bundled example with GCC and the kcov_ext plugin, run it under the
# kcov runtime in KCOV_TRACE_PC_EXT mode and rebuild its call tree from
# the records; then the same with clang and the pass plugin. Installs
# nothing: the plugins are used from the build tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
log=$build/demo-build.log
src=$top/examples/demo.c
out=$build/demo
expression="6 * 7"

mkdir -p "$build"
echo "== building kcov_ext with CMake in $build (log: $log)"
if ! { cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
	cmake --build "$build" -j "$(nproc)"; } > "$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "demo: the build failed; the whole log is $log" >&2
	exit 1
fi
# The compilers the build made plugins for: KCOV_EXT_GCC_VERSIONS, ...
# (written by CMake, so not there to follow when linting)
# shellcheck source=/dev/null
. "$build/toolchains.sh"
kcov_ext=$build/bin/kcov-ext
runtime=$build/lib/libkcov_rt.a
mkdir -p "$out"

gcc_version=${KCOV_EXT_GCC_VERSIONS##* }
gcc=$(eval echo "\$KCOV_EXT_GCC_$gcc_version")
plugin=$build/gcc-plugin/gcc-$gcc_version/kcov_ext.so
echo
echo "== gcc-$gcc_version -O2 -g -fno-inline -fsanitize-coverage=trace-pc -fplugin=$plugin -fplugin-arg-kcov_ext-verbose"
"$gcc" -O2 -g -fno-inline -fsanitize-coverage=trace-pc "-fplugin=$plugin" \
	-fplugin-arg-kcov_ext-verbose "$src" "$runtime" -o "$out/demo-gcc"
printf '   hook calls in the executable:'
objdump -dr --no-show-raw-insn "$out/demo-gcc" |
	sed -nE 's/.*call +[0-9a-f]+ <(__sanitizer_cov_trace_pc(_entry|_exit)?)>.*/\1/p' |
	sort | uniq -c | while read -r count hook; do printf ' %s %s' "$count" "${hook#__sanitizer_cov_}"; done
echo

echo
echo "== KCOV_RT_MODE=ext ./demo-gcc '$expression': the records"
echo "   it prints $(KCOV_RT_MODE=ext KCOV_RT_OUT="$out/gcc.area" "$out/demo-gcc" "$expression")"
"$kcov_ext" raw "$out/gcc.area" --exe "$out/demo-gcc" > "$out/gcc.raw"
head -n 4 "$out/gcc.raw"
echo "   ... $(wc -l < "$out/gcc.raw") records (kcov-ext raw)"

echo
echo "== kcov-ext tree: the calls the records describe"
"$kcov_ext" tree "$out/gcc.area" --exe "$out/demo-gcc" > "$out/gcc.tree"
cat "$out/gcc.tree"

llvm_version=${KCOV_EXT_LLVM_VERSIONS##* }
if [ -z "$llvm_version" ]; then
	echo
	echo "(no LLVM with development files: the pass plugin was not built)"
	exit 0
fi
clang=$(eval echo "\$KCOV_EXT_LLVM_BIN_$llvm_version")/clang
pass=$build/llvm-pass/llvm-$llvm_version/KcovExt.so
echo
echo "== clang-$llvm_version -O2 -g -fno-inline -fsanitize-coverage=trace-pc -fpass-plugin=$pass"
"$clang" -O2 -g -fno-inline -fsanitize-coverage=trace-pc "-fpass-plugin=$pass" \
	"$src" "$runtime" -o "$out/demo-clang"
KCOV_RT_MODE=ext KCOV_RT_OUT="$out/clang.area" "$out/demo-clang" "$expression" > /dev/null
"$kcov_ext" tree "$out/clang.area" --exe "$out/demo-clang" > "$out/clang.tree"
if cmp -s "$out/gcc.tree" "$out/clang.tree"; then
	echo "   the same call tree as with GCC ($(wc -l < "$out/clang.tree") calls)"
else
	echo "   a call tree that differs from GCC's:"
	diff "$out/gcc.tree" "$out/clang.tree" || true
	exit 1
fi
