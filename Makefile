# Convenience entry points; the build itself is CMake (build/).
#   make demo    install dependencies if missing, build, run the example
#   make check   install dependencies if missing, build, run every test
#   make bench   measure what the hooks cost (tables + build/bench/bench.json)
#   make install install the GCC plugins into each GCC's plugin directory,
#                the rest under /usr/local
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CTEST_ARGS ?=

.PHONY: all deps configure build check demo bench install clean

all: build

deps:
	@scripts/install-deps

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

check: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

install: build
	cmake --install $(BUILD_DIR)

demo: install
	@examples/demo.sh $(BUILD_DIR)

bench: build
	runtime/bench/run-bench $(BUILD_DIR) $(BUILD_DIR)/bench

clean:
	rm -rf $(BUILD_DIR)
