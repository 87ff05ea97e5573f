#!/bin/sh
# ccache and the GCC plugin (scripts/check-package, in the package's root).
# ccache hashes a plugin's file when -fplugin= names an existing file: by
# path, a plugin swapped for a different build makes it compile again. By
# name (-fplugin=kcov_ext) it hashes only the text, and would hand out the
# objects of the old plugin: extra_files_to_hash (CCACHE_EXTRAFILES) with
# the plugin's path makes it see the plugin. The README says the same.
set -eu
dir=$1
cd "$dir"
export CCACHE_DIR="$dir/ccache"
plugin=$(gcc-12 -print-file-name=plugin)/kcov_ext.so

fail() {
	echo "ccache: FAIL: $*" >&2
	exit 1
}

hits=0
# compile WANT ARG...: one compile through ccache; WANT is hit or miss.
compile() {
	want=$1
	shift
	ccache gcc-12 -O2 -fsanitize-coverage=trace-pc "$@" -c demo.c -o ccache.o
	now=$(ccache --print-stats | awk '$1 ~ /^(direct|preprocessed)_cache_hit$/ { s += $2 } END { print s + 0 }')
	got=miss
	[ "$now" -eq "$hits" ] || got=hit
	hits=$now
	[ "$got" = "$want" ] || fail "$*: a cache $got, want a $want"
}

# A different build of the plugin: the same code without its debug info.
cp "$plugin" plugin.orig
strip --strip-debug -o plugin.other "$plugin"
! cmp -s plugin.orig plugin.other || fail "stripping the plugin changed nothing"
swap() {
	cp "$1" "$plugin"
}

compile miss -fplugin="$plugin"
compile hit -fplugin="$plugin"
objdump -dr ccache.o | grep -q '__sanitizer_cov_trace_pc_entry' ||
	fail "the cached object has no entry hook calls"
swap plugin.other
compile miss -fplugin="$plugin"
echo "ccache: the plugin by path: a different build of it is a cache miss"

swap plugin.orig
compile miss -fplugin=kcov_ext
swap plugin.other
compile hit -fplugin=kcov_ext
echo "ccache: the plugin by name: ccache does not see it swapped (as documented)"

export CCACHE_EXTRAFILES="$plugin"
compile miss -fplugin=kcov_ext
compile hit -fplugin=kcov_ext
swap plugin.orig
compile miss -fplugin=kcov_ext
echo "ccache: the plugin by name with extra_files_to_hash: a different build of it is a cache miss"
swap plugin.orig
