#!/bin/sh
# make demo: compile the bundled example with the installed plugin, by name,
# show what it instrumented, run it, and print the call tree its entry and
# exit hooks recorded.
set -eu
build=${1:-build}
cc=${CC:-gcc}
src=$(dirname "$0")/demo.c
out=$build/demo
mkdir -p "$out"

echo "== $cc -O2 -fno-inline -fsanitize-coverage=trace-pc -fplugin=kcov_ext -fplugin-arg-kcov_ext-verbose -c demo.c"
$cc -O2 -fno-inline -fsanitize-coverage=trace-pc -fplugin=kcov_ext \
	-fplugin-arg-kcov_ext-verbose -c "$src" -o "$out/demo.o"

echo
echo "== hook calls in the object (objdump -dr)"
objdump -dr --no-show-raw-insn "$out/demo.o" |
	grep -oE '__sanitizer_cov_trace_pc(_entry|_exit)?' | sort | uniq -c

$cc "$out/demo.o" "$build/lib/libkcov_ext_shadow_stack.a" -ldw -lpthread -o "$out/demo"

expression="2 * (3 + 4)"
echo
echo "== ./demo '$expression' (records checked by a shadow-stack runtime)"
KCOV_EXT_CHECK_TRACE=$out/trace "$out/demo" "$expression"

echo
echo "== call tree rebuilt from the entry/exit records"
awk '
	$1 == "entry" { printf "%*s%s\n", depth * 2, "", $2; depth++ }
	$1 == "exit"  { depth-- }
' "$out/trace"
