#!/bin/sh
# Inside the fresh Debian 12 root of scripts/check-package: install the
# package, build, run and decode the example with both compilers, run the
# ccache and distcc checks, purge the package, and compare the root's
# files with those it had before.
# Usage: round-trip.sh DIR DEB   (DIR holds DEB, demo.c and these scripts)
set -eu
dir=$1
deb=$2
cd "$dir"
export DEBIAN_FRONTEND=noninteractive

fail() {
	echo "round-trip: FAIL: $*" >&2
	exit 1
}

# Every file of the root but what apt, dpkg, ldconfig and this test may
# leave: the package lists and logs, dpkg's and debconf's backups of their
# own state, ldconfig's cache (its first run creates it, for any package
# with a shared library).
snapshot() {
	find / -xdev \( -path /proc -o -path /dev -o -path /tmp \
		-o -path /var/lib/apt/lists -o -path /var/cache/apt -o -path /var/log \
		-o -path /var/cache/ldconfig \) -prune \
		-o ! -name '*-old' ! -path /var/lib/apt/extended_states -print | sort
}
snapshot > before.files

apt-get -qq update
apt-get -y -qq install "./$deb" > install.log 2>&1 || { cat install.log; fail "apt-get install ./$deb"; }
echo "round-trip: installed $deb"

expression="6 * 7"
gcc-12 -O2 -g -fno-inline -fsanitize-coverage=trace-pc -fplugin=kcov_ext \
	-fplugin-arg-kcov_ext-verbose demo.c -lkcov_rt -o demo-gcc 2> gcc.log ||
	{ cat gcc.log; fail "gcc-12 -fplugin=kcov_ext"; }
grep -q '^kcov_ext: instrument main(): entry replaced trace_pc' gcc.log ||
	{ cat gcc.log; fail "the GCC plugin, by name, did not instrument main()"; }
clang-14 -O2 -g -fno-inline -fsanitize-coverage=trace-pc \
	-fpass-plugin=/usr/lib/kcov_ext/llvm-14/KcovExt.so demo.c -lkcov_rt -o demo-clang ||
	fail "clang-14 -fpass-plugin=/usr/lib/kcov_ext/llvm-14/KcovExt.so"
for cc in gcc clang; do
	[ "$(KCOV_RT_MODE=ext KCOV_RT_OUT=$cc.area "./demo-$cc" "$expression")" = 42 ] ||
		fail "demo-$cc '$expression' did not print 42"
	kcov-ext tree "$cc.area" --exe "demo-$cc" > "$cc.tree" || fail "kcov-ext tree of $cc.area"
done
printf 'main\n  expr\n    term\n      factor\n' > want
head -n 4 gcc.tree | cmp -s - want || { cat gcc.tree; fail "the GCC tree does not start main/expr/term/factor"; }
cmp -s gcc.tree clang.tree || { diff gcc.tree clang.tree; fail "GCC's and clang's trees differ"; }
echo "round-trip: gcc-12 and clang-14 give the same $(wc -l < gcc.tree)-call tree"

# libkcov-ext through its pkg-config file.
# shellcheck disable=SC2046 # pkg-config prints several flags
gcc-12 consumer.c $(pkg-config --cflags --libs kcov-ext) -o consumer ||
	fail "building a libkcov-ext consumer with pkg-config"
./consumer gcc.area 2 | grep -q '^signal, K = 2: [0-9]* distinct of [0-9]* records$' ||
	fail "the pkg-config consumer"
echo "round-trip: a libkcov-ext consumer built with pkg-config runs"

sh "$dir/ccache.sh" "$dir"
sh "$dir/distcc.sh" "$dir"

dpkg -L kcov-ext > package.files
apt-get -y -qq purge --autoremove kcov-ext > purge.log 2>&1 || { cat purge.log; fail "apt-get purge kcov-ext"; }
snapshot > after.files
if ! cmp -s before.files after.files; then
	diff before.files after.files || true
	fail "the root differs from before the install after the purge"
fi
echo "round-trip: after apt-get purge --autoremove, the root has the same $(wc -l < after.files) files as before ($(grep -c . package.files) paths were the package's)"
