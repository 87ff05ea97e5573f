# Convenience entry points; the build itself is CMake (build/).
#   make / make build   configure and build in build/; installs nothing and
#                writes nothing outside the work tree (a missing package is
#                a configure error naming scripts/install-deps)
#   make demo    install what the demo needs if missing (scripts/install-deps
#                --demo), build (chatter in build/demo-build.log), run the
#                example
#   make check   install what the tests need if missing, build, run every
#                test (including the shellcheck lint)
#   make package the Debian package, build/kcov-ext_<version>_amd64.deb
#   make check-package  install that package into a fresh Debian 12 root,
#                build and decode the example there with GCC 12 and clang
#                14, ccache and distcc checks, remove it, check that
#                nothing is left (about 2 minutes the first time, then 20
#                seconds; the base root is cached
#                in /var/cache/kcov-ext/roots)
#   make bench   measure what the hooks cost (tables + build/bench/bench.json)
#   make bench-decoder  the decoder on a 100-million-record area (about 5
#                minutes; 1 GB in build/bench-decoder)
#   make check-kernel  the KCOV_TRACE_PC_EXT series for Linux 7.2: check the
#                patches, build the kernel with GCC 16 (in-tree plugin),
#                clang 23 (native option) and clang 19 (pass plugin), boot
#                each in QEMU and check it (about 15 minutes)
#   make check-kernel-all  also the 6.12 and 6.1 series (five more kernels)
#   make check-long  longer reliability runs: SEEDS csmith programs (default
#                2000) through every compiler with a plugin, and a
#                FUZZ_SECONDS (default 600) libFuzzer campaign on the decoder
#   make check-kernel-scale  the GCC plugin over kernel/ mm/ fs/ lib/ net/
#                of an x86_64 defconfig + KCOV kernel, objtool and objcheck
#                on every object, -fcompare-debug on a sample (about 25 min)
#   make check-real  real programs' own test suites (zlib, expat, libpng;
#                Lua on scripts of ours) from Debian's source packages,
#                built with GCC 12 + kcov_ext and clang 19 + KcovExt.so,
#                run plain, under the checker and while recording, every
#                area decoded (scripts/check-real; about 15 minutes)
#   make check-toolchains  build in the toolchain roots (scripts/toolchain-root:
#                Debian unstable's GCC 13-16 and LLVM 21-23, trixie's LLVM
#                17-18) and run their compilers' suites and the upstream
#                oracle there; creates the roots the first time (3.5 and
#                3.1 minutes here, 3.8 and 2.6 GB in /var/cache/kcov-ext/roots)
#   make check-long-toolchains  csmith-diff with every compiler in rotation:
#                host, unstable and trixie, SEEDS_PER_COMPILER seeds for each
#                of the 16 compilers (5,920; about 13 % are skipped because
#                the reference runs over 2 s; about 80 minutes)
#   make install install the GCC plugins into each GCC's plugin directory,
#                the rest under /usr/local (PREFIX=...)
#   make uninstall  remove every file make install wrote
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CTEST_ARGS ?=
SEEDS ?= 2000
FUZZ_SECONDS ?= 600
TOOLCHAINS ?= unstable trixie
SEEDS_PER_COMPILER ?= 370

.PHONY: all deps demo-deps browser-deps configure build build-tests check package check-package uninstall bench-decoder check-long check-real check-kernel check-kernel-all check-kernel-scale demo bench \
	check-toolchains check-long-toolchains install clean

all: build

PREFIX ?= /usr/local

deps:
	@scripts/install-deps --all

demo-deps:
	@scripts/install-deps --demo

configure:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_INSTALL_PREFIX=$(PREFIX)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# What only the tests and the benchmarks use: the runtime's other designs,
# the benchmark binaries (not part of "all", never installed).
build-tests: build
	cmake --build $(BUILD_DIR) -j $(JOBS) --target kcov-ext-test-deps

# The browser tests of the viewers' output need Chromium and speedscope.
browser-deps:
	@scripts/install-browser-deps

check: deps browser-deps
	$(MAKE) build-tests
	cd $(BUILD_DIR) && ctest --no-tests=error --output-on-failure -j $(JOBS) $(CTEST_ARGS)

check-long: deps
	$(MAKE) build-tests
	test/fuzz/csmith-diff --build $(BUILD_DIR) --seeds $(SEEDS) \
		--work $(BUILD_DIR)/csmith-long
	scripts/fuzz-decoder $(BUILD_DIR) $(FUZZ_SECONDS)

check-real: deps
	$(MAKE) build-tests
	scripts/check-real --build $(BUILD_DIR)

check-toolchains: deps
	scripts/check-toolchains --build $(BUILD_DIR) $(TOOLCHAINS)

# Disjoint seed ranges: host (GCC 11, 12, clang 14, 15, 16, 19), unstable
# (GCC 13-16, clang 21-23, clang 23's native flag), trixie (clang 17, 18).
check-long-toolchains: deps
	$(MAKE) build-tests
	test/fuzz/csmith-diff --build $(BUILD_DIR) --compilers all --rotate --timeout 2 \
		--first 1 --seeds $$((6 * $(SEEDS_PER_COMPILER))) \
		--work $(BUILD_DIR)/csmith-rotate/host
	scripts/check-toolchains --build $(BUILD_DIR) --csmith $$((8 * $(SEEDS_PER_COMPILER))) \
		--first $$((6 * $(SEEDS_PER_COMPILER) + 1)) unstable
	scripts/check-toolchains --build $(BUILD_DIR) --csmith $$((2 * $(SEEDS_PER_COMPILER))) \
		--first $$((14 * $(SEEDS_PER_COMPILER) + 1)) trixie

install: build
	cmake --install $(BUILD_DIR)

# The files make install wrote, as CMake listed them; then the directories
# it created that are now empty.
uninstall:
	@test -f $(BUILD_DIR)/install_manifest.txt || \
		{ echo "uninstall: no $(BUILD_DIR)/install_manifest.txt (nothing installed from $(BUILD_DIR))" >&2; exit 1; }
	scripts/uninstall $(BUILD_DIR)/install_manifest.txt

demo: demo-deps
	@examples/demo.sh $(BUILD_DIR)

package: build
	cd $(BUILD_DIR) && cpack -G DEB

check-package: deps
	$(MAKE) package
	scripts/check-package --build $(BUILD_DIR)

KERNEL_OUT = $(BUILD_DIR)/kernel
CHECK_KERNEL = kernel-patch/check-kernel --build $(BUILD_DIR)
LLVM_PASS = -fpass-plugin=$(abspath $(BUILD_DIR))/llvm-pass/llvm-$(1)/KcovExt.so
# Linux 7.2 with GCC 16 and the series' own plugin, clang 23's native
# option and clang 19 with the pass plugin (the first two in the unstable
# toolchain root).
check-kernel: deps
	$(MAKE) build-tests
	kernel-patch/check-series --build $(BUILD_DIR) 7.2
	$(CHECK_KERNEL) --kernel 7.2 --root unstable --cc gcc-16 --out $(KERNEL_OUT)/7.2-gcc16-intree
	$(CHECK_KERNEL) --kernel 7.2 --root unstable --cc clang-23 --out $(KERNEL_OUT)/7.2-clang23-native
	. $(BUILD_DIR)/toolchains.sh && \
	$(CHECK_KERNEL) --kernel 7.2 --cc $$KCOV_EXT_LLVM_BIN_19/clang --plugin-flag $(call LLVM_PASS,19) \
		--out $(KERNEL_OUT)/7.2-clang19-plugin

# And the long-term kernels: 6.12 (trixie root's source) and 6.1 with
# GCC 12, 6.1 without KCOV_EXT_RECORDS, and 6.1 with clang 14 and 19.
check-kernel-all: check-kernel
	kernel-patch/check-series --build $(BUILD_DIR) 6.12 6.1
	KSRC= $(CHECK_KERNEL) --kernel 6.12 --cc gcc-12 --out $(KERNEL_OUT)/6.12-gcc12-intree
	KSRC= $(CHECK_KERNEL) --kernel 6.1 --cc gcc-12 --out $(KERNEL_OUT)/6.1-gcc12-intree
	KSRC= $(CHECK_KERNEL) --kernel 6.1 --cc gcc-12 --no-ext-records --out $(KERNEL_OUT)/6.1-gcc12-no-ext-records
	. $(BUILD_DIR)/toolchains.sh && for v in 14 19; do \
		eval bin=\$$KCOV_EXT_LLVM_BIN_$$v; \
		KSRC= $(CHECK_KERNEL) --kernel 6.1 --cc $$bin/clang \
			--plugin-flag $(call LLVM_PASS,$$v) \
			--out $(KERNEL_OUT)/6.1-clang$$v-plugin || exit 1; \
	done

check-kernel-scale: deps
	$(MAKE) build-tests
	scripts/kernel-slice-check --cc gcc-12 \
		--plugin-flag -fplugin=$(abspath $(BUILD_DIR))/gcc-plugin/gcc-12/kcov_ext.so \
		--objcheck $(BUILD_DIR)/bin/kcov-ext-objcheck \
		--work $(BUILD_DIR)/kernel-scale --cache $(BUILD_DIR)/kernel-src \
		--config defconfig --dirs "kernel/ mm/ fs/ lib/ net/" \
		--baseline diagnostics --compare-debug 100

bench: deps
	$(MAKE) build-tests
	runtime/bench/run-bench $(BUILD_DIR) $(BUILD_DIR)/bench

# The decoder on a 100-million-record area: records per second and peak
# memory of each view, instructions per record of the signal walk.
bench-decoder: deps
	$(MAKE) build-tests
	decoder/bench/run-decode-bench $(BUILD_DIR) $(BUILD_DIR)/bench-decoder

clean:
	rm -rf $(BUILD_DIR)
