#!/bin/sh
# distcc to a distccd on localhost (scripts/check-package, in the package's
# root, where the "remote" distccd finds the installed plugins).
#  - clang with -fpass-plugin: compiled by distccd, with no fallback
#    allowed, into the same object as a local compile;
#  - GCC with -fplugin=: distccd 3.2 and later refuse any -fplugin=
#    (a plugin is code the server would run); with fallback (distcc's
#    default) the client compiles locally, into the local object.
set -eu
dir=$1
cd "$dir"
port=36321
# A fresh DISTCC_DIR: no host is backed off yet. After the refused GCC
# job distcc backs off from it (without that it would retry forever).
export DISTCC_DIR="$dir/distcc" DISTCC_HOSTS="127.0.0.1:$port/2"
mkdir -p "$DISTCC_DIR" "$dir/distccd"
chmod 777 "$dir/distccd"
log=$dir/distccd/log

fail() {
	echo "distcc: FAIL: $*" >&2
	exit 1
}

distccd --daemon --allow 127.0.0.1 --listen 127.0.0.1 --port "$port" \
	--log-file "$log" --log-level info --pid-file "$dir/distccd/pid"
# distccd outlives the chroot's shell: stop it, and its preforked children
# with it (SIGTERM to the parent ends them all).
trap 'kill "$(cat "$dir/distccd/pid")" 2> /dev/null || true' EXIT
i=0
while ! [ -s "$dir/distccd/pid" ] || ! grep -q "listening on" "$log" 2> /dev/null; do
	i=$((i + 1))
	[ "$i" -lt 50 ] || fail "distccd did not start"
	sleep 0.1
done

pass=/usr/lib/kcov_ext/llvm-14/KcovExt.so
DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 distcc clang-14 -O2 \
	-fsanitize-coverage=trace-pc -fpass-plugin=$pass -c demo.c -o distcc-clang.o ||
	fail "distcc clang-14 -fpass-plugin=$pass"
grep -q "COMPILE_OK.*clang-14" "$log" || fail "distccd did not compile the clang job"
clang-14 -O2 -fsanitize-coverage=trace-pc -fpass-plugin=$pass -c demo.c -o local-clang.o
cmp distcc-clang.o local-clang.o || fail "distcc's clang object differs from the local one"
objdump -dr distcc-clang.o | grep -q '__sanitizer_cov_trace_pc_exit' ||
	fail "distcc's clang object has no exit hook calls"
echo "distcc: clang-14 + KcovExt.so compiled by distccd: the local object, byte for byte"

if DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 distcc gcc-12 -O2 \
	-fsanitize-coverage=trace-pc -fplugin=kcov_ext -c demo.c -o distcc-gcc.o 2> distcc-gcc.err; then
	fail "distccd compiled a job with -fplugin= (the README says it refuses them)"
fi
grep -q -- "-fplugin= and/or -specs= passed" "$log" || fail "distccd did not say why it refused -fplugin="
distcc gcc-12 -O2 -fsanitize-coverage=trace-pc -fplugin=kcov_ext -c demo.c -o distcc-gcc.o 2> /dev/null ||
	fail "distcc gcc-12 -fplugin=kcov_ext with fallback"
gcc-12 -O2 -fsanitize-coverage=trace-pc -fplugin=kcov_ext -c demo.c -o local-gcc.o
cmp distcc-gcc.o local-gcc.o || fail "distcc's GCC object differs from the local one"
echo "distcc: gcc-12 -fplugin=kcov_ext: distccd refuses it; distcc's local fallback gives the local object"
