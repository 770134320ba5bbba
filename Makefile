# GanWorkbench — every target does its own setup, so `make run` and `make test` work on a fresh clone.
#   make setup      restore, build (applies the libstdc++ compat fix), check oneDNN's fast kernels, fetch MNIST + Fashion-MNIST,
#                   train the evaluation classifiers when missing (once; 20 min on 2 busy shared cores, see BENCHMARKS.md)
#   make run        setup, then train the default experiment (quickstart) and write its report.html
#   make test       setup, then every test (unit, behaviour, notebooks at the quick budget — in gwb's runner and
#                   in the .NET Interactive kernel that VS Code's Polyglot Notebooks runs)
#   make lesson     execute every notebook at the lesson budget (≤ 5 min each on 2 cores) into build/notebooks-lesson/,
#                   render build/site-lesson/
#   make notebooks  execute every notebook into build/notebooks/ (full budget; BUDGET=quick|lesson for another), render build/site/
#   make bench      setup, then the speed benchmarks (+ the PyTorch peer) → bench/results/, BENCHMARKS.md
#   make bench-pytorch  only the TorchSharp vs PyTorch comparison (prints the ratio)
#   make clean      remove build outputs (keeps data/ and runs/)
# Options: TORCH=cuda (CUDA backend; needs TorchSharp-cuda-linux in your NuGet source), CONFIG=Debug.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TORCH       ?= cpu
CONFIG      ?= Release
DOTNET      ?= dotnet
BUILD_FLAGS := -c $(CONFIG) -nologo -p:TorchBackend=$(TORCH)
# Debian packages the tests and the data fallbacks use (installed only where missing);
# chromium renders report.html headless in the report tests.
APT_PACKAGES := python3-nbformat chromium
# The benchmark's PyTorch peer runs on the system python (Debian's torch 1.13, CPU), not pyenv's.
BENCH_APT_PACKAGES := python3-torch
BENCH_PYTHON ?= /usr/bin/python3
BENCH_ARGS  ?=
APT_CACHE   := $(HOME)/.cache/apt
# KaTeX for the math in rendered notebooks (npm registry tarball, checked by SHA-256; unpacked into build/).
KATEX_VERSION := 0.16.22
KATEX_SHA256  := e9e0d167db3175481cbadaff38e8d90b130f6a3ddb451a47e43c577fd511f365
KATEX_DIR     := build/vendor/katex
NOTEBOOKS     := $(sort $(wildcard notebooks/*.ipynb))
# Per-cell limit for notebooks run by make lesson / make notebooks (seconds).
NB_TIMEOUT    ?= 600
# The .NET Interactive kernel (the one VS Code's Polyglot Notebooks runs), driven headless by dotnet-repl:
# make test runs every notebook in it too. A .NET tool, installed into build/tools/ (not globally).
REPL_VERSION  := 0.3.259
REPL          := build/tools/dotnet-repl

# oneDNN's fast CPU kernels are used only where this check found them right (lib/Native/OneDnnCheck.cs);
# it runs before the classifiers train so that they train with the kernels later runs use.
.PHONY: all setup build onednn data run test unit-tests notebook-tests notebook-kernel-tests notebooks lesson katex apt bench-apt bench bench-pytorch clean help

all: run

help:
	@sed -n '1,12p' Makefile

setup: build data

build:
	$(DOTNET) build GanWorkbench.sln $(BUILD_FLAGS)
	@mkdir -p artifacts && echo "$(TORCH)" > artifacts/gwb.build-stamp

onednn: build
	./gwb doctor --check-onednn

# Fashion-MNIST's offline fallback is Debian's package, fetched with `apt-get download`,
# which needs package lists: refresh them once if there are none.
data: build onednn
	@if [ ! -f data/fashion-mnist/train-images-idx3-ubyte ] && ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then \
	  $(call as_root) apt-get update -qq || true; fi
	./gwb data fetch all
	./gwb data classifier all

apt:
	@$(call apt_install,$(APT_PACKAGES))

bench-apt:
	@$(call apt_install,$(BENCH_APT_PACKAGES))

run: setup
	./gwb run quickstart --report

test: setup apt katex unit-tests notebook-tests notebook-kernel-tests

# Speed: every model × batch, the SGEMM ceiling, data loading, memory, notebooks, and the PyTorch
# peer alternating with TorchSharp in one run. JSON → bench/results/, tables → BENCHMARKS.md.
bench: setup bench-apt
	./gwb bench --python $(BENCH_PYTHON) --update-benchmarks BENCHMARKS.md $(BENCH_ARGS)

bench-pytorch: setup bench-apt
	./gwb bench --only pytorch --python $(BENCH_PYTHON) $(BENCH_ARGS)

unit-tests: build
	$(DOTNET) test tests/GanWorkbench.Tests.csproj --no-build -c $(CONFIG) --logger "console;verbosity=normal"

# Every notebook passes the hygiene check and runs top to bottom at the quick budget.
notebook-tests: build
	./gwb nb check
	$(if $(NOTEBOOKS),./gwb nb run $(NOTEBOOKS) --param BUDGET=quick --timeout 180 --output build/notebooks-quick,@echo "no notebooks to run")

# Every notebook runs top to bottom, at the quick budget, in the .NET Interactive kernel itself: its setup cell restores the
# pinned packages from NuGet and loads the library that `build` made, as in VS Code. `doctor --fix` makes the
# NuGet cache's copy of TorchSharp's native bridge load on older libstdc++ (a no-op where it already does).
notebook-kernel-tests: build $(REPL)
	./gwb doctor --fix
	$(if $(NOTEBOOKS),./gwb nb run $(NOTEBOOKS) --param BUDGET=quick --timeout 180 --kernel $(REPL) --output build/notebooks-kernel,@echo "no notebooks to run")

$(REPL):
	$(DOTNET) tool install dotnet-repl --version $(REPL_VERSION) --tool-path build/tools

# Execute every notebook at the lesson budget (the default a teacher gets with Run All: each notebook in at
# most 5 minutes on 2 CPU cores) and render the offline site. Not part of make test or CI.
lesson: setup katex
	$(if $(NOTEBOOKS),,$(error no notebooks in notebooks/))
	./gwb nb run $(NOTEBOOKS) --param BUDGET=lesson --timeout $(NB_TIMEOUT) --output build/notebooks-lesson
	./gwb nb render build/notebooks-lesson --output build/site-lesson
	@echo "site: build/site-lesson/index.html"

# Execute every notebook at the full budget (BUDGET=quick or BUDGET=lesson for another) and render the offline site.
notebooks: setup katex
	$(if $(NOTEBOOKS),,$(error no notebooks in notebooks/))
	./gwb nb run $(NOTEBOOKS) --param BUDGET=$(or $(BUDGET),full) --timeout $(NB_TIMEOUT) --output build/notebooks
	./gwb nb render build/notebooks --output build/site
	@echo "site: build/site/index.html"

katex: $(KATEX_DIR)/katex.min.js

$(KATEX_DIR)/katex.min.js:
	@mkdir -p build/vendor
	cd build/vendor && npm pack --silent katex@$(KATEX_VERSION) >/dev/null
	echo "$(KATEX_SHA256)  build/vendor/katex-$(KATEX_VERSION).tgz" | sha256sum -c --quiet
	rm -rf $(KATEX_DIR) && mkdir -p $(KATEX_DIR)
	tar xzf build/vendor/katex-$(KATEX_VERSION).tgz -C $(KATEX_DIR) --strip-components=2 package/dist/katex.min.js package/dist/katex.min.css package/dist/fonts
	rm build/vendor/katex-$(KATEX_VERSION).tgz

clean:
	rm -rf artifacts build

# sudo only when not already root (CI and containers run as root).
as_root = $(if $(filter 0,$(shell id -u)),,sudo)
# Installs the Debian packages in $(1) that are missing. A private archive folder, because an image
# hook on these machines deletes downloaded .debs between dpkg batches (PLATFORM.md, "apt").
define apt_install
missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  echo "installing Debian packages:$$missing"; \
  mkdir -p "$(APT_CACHE)/partial"; \
  $(call as_root) apt-get update -qq; \
  $(call as_root) apt-get install -y -qq -o Dir::Cache::Archives="$(APT_CACHE)" $$missing; \
fi
endef
