# The two commands of the quick start: `make run` (the inference server) and `make test`.
# Both install what they need when it is missing: Debian packages (checked with dpkg -s first),
# and a Python virtual environment with the interop peers under .venv/.

SHELL := /bin/bash
APT_PACKAGES := libhdf5-dev libnetcdf-dev libopenblas-dev liblapacke-dev libfftw3-dev zlib1g-dev libdeflate-dev libisal-dev pkg-config python3-venv
# Runtime libraries of the gmsh wheel (a test peer).
APT_PACKAGES += libglu1-mesa libgl1 libopengl0 libxcursor1 libxft2 libxinerama1 libgomp1
# Peers of the benchmarks only, installed by `make bench`: nccopy (netcdf-bin).
BENCH_APT_PACKAGES := netcdf-bin
VENV := .venv
BENCH_VENV := .venv-bench
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run demo test bench fuzz deps bench-deps venv build clean reproduce-cape grpc-code

# Installs those of the Debian packages $(1) that dpkg -s does not find.
define apt_install
	@missing=""; for package in $(1); do \
	    dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	    echo "make: installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

## Debian packages the build links against.
deps:
	$(call apt_install,$(APT_PACKAGES))

## Debian packages of the benchmark peers.
bench-deps:
	$(call apt_install,$(BENCH_APT_PACKAGES))

## Python interop peers for the tests (h5py, safetensors, …).
$(VENV)/.installed: requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

venv: deps $(VENV)/.installed

build: deps
	swift build -c release --product surrogate

## Serve the models of Models/ over the Open Inference Protocol (KServe v2 REST) on
## 127.0.0.1:8000 until Ctrl-C or SIGTERM.
run: build
	.build/release/surrogate serve --models Models --host 127.0.0.1 --http-port 8000

## Train a Fourier Neural Operator on a generated data set and print its metrics.
demo: build
	.build/release/surrogate demo

## The whole test suite (Swift Testing), with the Python peers in .venv.
test: deps venv
	swift build -c release --build-tests
	SURROGATE_PYTHON=$(CURDIR)/$(VENV)/bin/python swift test -c release --skip-build

## Benchmarks against peers in the same run: training steps and CAPE/FNO training epochs vs
## PyTorch CPU (installs torch into .venv-bench), HDF5 read throughput vs h5py on a generated
## 1 GB file, mesh read/write (VTU, MSH 4.1 binary) of a million tetrahedra vs meshio, and
## NetCDF-3 to NetCDF-4 (deflate 1) batch conversion of 20 generated 100 MB files vs nccopy
## (sequential and xargs -P) and xarray.
bench: deps venv bench-deps
	swift build -c release --product surrogate
	@[ -f $(BENCH_VENV)/.installed ] || { python3 -m venv $(BENCH_VENV) && \
	    $(BENCH_VENV)/bin/pip install -q --disable-pip-version-check numpy torch && touch $(BENCH_VENV)/.installed; }
	Benchmarks/training_steps.sh
	Benchmarks/cape_epoch.sh
	Benchmarks/read_throughput.sh
	Benchmarks/serving.sh
	Benchmarks/mesh_io.sh
	Benchmarks/netcdf_convert.sh

## The CAPE reproduction (advection and Burgers; about 1 h 30 min on 2 cores): data, training
## of four models per PDE, evaluation on unseen parameters, tables in Benchmarks/results/.
reproduce-cape: deps
	Benchmarks/cape/reproduce.sh all

## Fuzz the HDF5 reader with libFuzzer for FUZZ_SECONDS (default 120) from a corpus of valid
## files, then replay every crash: any fault outside libhdf5 fails the target; faults inside
## Debian's libhdf5 1.10.8 itself are counted and listed by function. Then fuzz the mesh readers
## (Gmsh, VTK legacy, VTU, XDMF with inline data) for FUZZ_SECONDS from files of every variant;
## any crash or hang fails. Last, fuzz the netCDF reader (and the Exodus II reader on the same
## bytes) from the netCDF test fixtures (every format) and two Exodus meshes; faults inside
## libnetcdf/libhdf5 are listed, any other fails.
FUZZ_SECONDS ?= 120
FUZZER := .build-fuzz/debug/FuzzSimulationFile
MESH_FUZZER := .build-fuzz/debug/FuzzMeshFile
NETCDF_FUZZER := .build-fuzz/debug/FuzzNetCDFFile
FUZZ_BUILD = swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
	    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
	    -Xlinker $$(find "$$(dirname "$$(dirname "$$(readlink -f "$$(command -v swift)")")")" \
	                -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1) \
	    -Xlinker -lstdc++
fuzz: deps venv
	swift build -c release --product surrogate
	$(FUZZ_BUILD) --product FuzzSimulationFile
	$(FUZZ_BUILD) --product FuzzMeshFile
	$(FUZZ_BUILD) --product FuzzNetCDFFile
	rm -rf .build-fuzz/corpus .build-fuzz/artifacts && mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
	.build/release/surrogate simulate advection --beta 1 --samples 2 --nx 16 --nt 3 --out .build-fuzz/corpus/advection.h5 >/dev/null
	$(VENV)/bin/python Fuzz/corpus.py .build-fuzz/corpus
	# allocator_may_return_null=1: libhdf5 asks for absurd sizes from corrupt headers and handles
	# the NULL that malloc returns outside ASan; let ASan return NULL the same way.
	# -detect_leaks=0: libhdf5 leaks small blocks on some malformed files.
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=0 $(FUZZER) -fork=1 -ignore_crashes=1 \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
	    -artifact_prefix=.build-fuzz/artifacts/ .build-fuzz/corpus 2>&1 | grep -E '^#[0-9]+: cov' | tail -1
	Fuzz/triage.sh $(FUZZER) .build-fuzz/artifacts
	rm -rf .build-fuzz/mesh-corpus .build-fuzz/mesh-artifacts && mkdir -p .build-fuzz/mesh-corpus .build-fuzz/mesh-artifacts
	Fuzz/mesh_corpus.sh .build-fuzz/mesh-corpus
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(MESH_FUZZER) -fork=1 -ignore_crashes=1 \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
	    -artifact_prefix=.build-fuzz/mesh-artifacts/ .build-fuzz/mesh-corpus 2>&1 | grep -E '^#[0-9]+: cov' | tail -1
	Fuzz/triage.sh $(MESH_FUZZER) .build-fuzz/mesh-artifacts
	rm -rf .build-fuzz/netcdf-corpus .build-fuzz/netcdf-artifacts && mkdir -p .build-fuzz/netcdf-corpus .build-fuzz/netcdf-artifacts
	$(VENV)/bin/python Tests/CommandLineTests/Fixtures/netcdf_fixtures.py .build-fuzz/netcdf-corpus >/dev/null
	rm -f .build-fuzz/netcdf-corpus/index.json
	.build/release/surrogate mesh generate box --cells 1 --out .build-fuzz/netcdf-corpus/box.exo >/dev/null
	.build/release/surrogate mesh generate channel --cells 2 --out .build-fuzz/netcdf-corpus/channel.exo >/dev/null
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=0 $(NETCDF_FUZZER) -fork=1 -ignore_crashes=1 \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
	    -artifact_prefix=.build-fuzz/netcdf-artifacts/ .build-fuzz/netcdf-corpus 2>&1 | grep -E '^#[0-9]+: cov' | tail -1
	Fuzz/triage.sh $(NETCDF_FUZZER) .build-fuzz/netcdf-artifacts

# Regenerates the committed gRPC code from Sources/InferenceProtocol/Protos (needs protoc).
grpc-code:
	@dpkg -s protobuf-compiler >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq protobuf-compiler; }
	Sources/InferenceProtocol/Protos/generate.sh

clean:
	rm -rf .build $(VENV) $(BENCH_VENV)
