# The two commands of the quick start: `make run` and `make test`.
# Both install what they need when it is missing: Debian packages (checked with dpkg -s first),
# and a Python virtual environment with the interop peers under .venv/.

SHELL := /bin/bash
APT_PACKAGES := libhdf5-dev libnetcdf-dev libopenblas-dev liblapacke-dev libfftw3-dev pkg-config python3-venv
VENV := .venv
BENCH_VENV := .venv-bench
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench deps venv build clean

## Debian packages the build links against.
deps:
	@missing=""; for package in $(APT_PACKAGES); do \
	    dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	    echo "make: installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## Python interop peers for the tests (h5py, safetensors, …).
$(VENV)/.installed: requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

venv: deps $(VENV)/.installed

build: deps
	swift build -c release --product surrogate

## Train a Fourier Neural Operator on a generated data set and print its metrics.
run: build
	.build/release/surrogate demo

## The whole test suite (Swift Testing), with the Python peers in .venv.
test: deps venv
	swift build -c release --build-tests
	SURROGATE_PYTHON=$(CURDIR)/$(VENV)/bin/python swift test -c release --skip-build

## Benchmarks against peers in the same run: training steps vs PyTorch CPU (installs torch
## into .venv-bench), and HDF5 read throughput vs h5py on a generated 1 GB file.
bench: deps venv
	swift build -c release --product surrogate
	@[ -f $(BENCH_VENV)/.installed ] || { python3 -m venv $(BENCH_VENV) && \
	    $(BENCH_VENV)/bin/pip install -q --disable-pip-version-check numpy torch && touch $(BENCH_VENV)/.installed; }
	Benchmarks/training_steps.sh
	Benchmarks/read_throughput.sh

clean:
	rm -rf .build $(VENV) $(BENCH_VENV)
