# Thin wrapper over CMake: `make run` (the wizard on a scratch copy of the
# example app) and `make test` (every test; more under CI=true).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build run test install clean bench

all: build

build:
	./scripts/install-deps
	cmake -S . -B build >/dev/null
	cmake --build build -j $(JOBS)

run: build
	./scripts/run-demo

test:
	./scripts/test-all

install: build
	cmake --install build

bench: build
	./bench/run-all

clean:
	rm -rf build build-asan build-vg build-fuzz
