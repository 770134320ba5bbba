# GanWorkbench — every target does its own setup, so `make run` and `make test` work on a fresh clone.
#   make setup      restore, build (applies the libstdc++ compat fix), check oneDNN's fast kernels, fetch MNIST + Fashion-MNIST,
#                   train the evaluation classifiers when missing (once; 20 min on 2 busy shared cores, see BENCHMARKS.md)
#   make run        setup, then train the default experiment (quickstart) and write its report.html
#   make test       setup, then every test (unit, behaviour; every notebook at the quick budget in the .NET Interactive
#                   kernel through ./gwb nb run and through Jupyter's client, charts checked in Chromium; one notebook
#                   exported as a file-based app and run), in two lanes that run side by side (tests/lanes.sh)
#   make jupyter-kernel  install dotnet-interactive into build/tools/ and register its C# kernel in build/jupyter/
#   make lesson     execute every notebook at the lesson budget (≤ 5 min each on 2 cores) into build/notebooks-lesson/,
#                   render build/site-lesson/
#   make notebooks  execute every notebook into build/notebooks/ (full budget; BUDGET=quick|lesson for another), render build/site/
#   make slurm-test setup, then the sweep --slurm path against a real single-node Slurm it starts and stops (build/slurm/)
#   make reproduce  setup, then every reproduction with its cpu budget (hours: reproductions/results/, README table)
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
APT_PACKAGES := python3-nbformat python3-nbclient jupyter-nbconvert jupyter-notebook chromium
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
# Notebooks in the style of dotnet/TorchSharpExamples' C# tutorials, with failing cells (tests/Jupyter/tutorials/).
TUTORIALS     := $(sort $(wildcard tests/Jupyter/tutorials/*.ipynb))
# Per-cell limit for notebooks run by make test, make lesson, make notebooks (seconds).
NB_TIMEOUT    ?= 600
# The quick budget make test runs every notebook at (a parameter of each notebook's parameters cell).
NB_QUICK      ?= BUDGET=quick
# The .NET Interactive tool (the kernel Jupyter and VS Code run), installed into build/tools/ (not globally), with its
# C# kernel registered in a project-local Jupyter path: nothing of the user's own Jupyter changes.
INTERACTIVE_VERSION := 1.0.712001
INTERACTIVE   := build/tools/dotnet-interactive
JUPYTER_DIR   := $(CURDIR)/build/jupyter
KERNELSPEC    := build/jupyter/kernels/.net-csharp/kernel.json
JUPYTER_ENV   := JUPYTER_PATH=$(JUPYTER_DIR) JUPYTER_DATA_DIR=$(JUPYTER_DIR)/data JUPYTER_CONFIG_DIR=$(JUPYTER_DIR)/config JUPYTER_RUNTIME_DIR=$(JUPYTER_DIR)/runtime
SYSTEM_PYTHON := /usr/bin/python3

# oneDNN's fast CPU kernels are used only where this check found them right (lib/Native/OneDnnCheck.cs);
# it runs before the classifiers train so that they train with the kernels later runs use.
.PHONY: all setup build onednn data run test kernel-compat unit-tests unit-tests-1 unit-tests-2 tutorial-tests redteam-tests reproduction-tests notebook-tests notebook-jupyter-tests notebook-app-test jupyter-kernel notebooks lesson katex apt bench-apt bench bench-pytorch reproduce slurm-test clean help

all: run

help:
	@sed -n '1,16p' Makefile

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

# make test: one setup, then the tests in two lanes at once, each lane one stream of mostly one-thread work (the
# notebooks' quick budget trains on one thread, the unit tests are split in two processes of one thread), so that
# both cores stay busy. Each lane is a make of its targets in order with SKIP_BUILD=1: the build is done once, here.
TEST_LANE_A := unit-tests-1 notebook-tests notebook-app-test tutorial-tests redteam-tests reproduction-tests
TEST_LANE_B := unit-tests-2 notebook-jupyter-tests
test: setup apt katex $(KERNELSPEC) kernel-compat
	tests/lanes.sh "$(MAKE) --no-print-directory SKIP_BUILD=1 $(TEST_LANE_A)" "$(MAKE) --no-print-directory SKIP_BUILD=1 $(TEST_LANE_B)"

# The build and the kernel's libstdc++ fix a test target depends on, unless make test already made them (SKIP_BUILD=1).
BUILD_DEP  := $(if $(SKIP_BUILD),,build)
KERNEL_FIX := $(if $(SKIP_BUILD),,kernel-compat)

# `doctor --fix` lets the .NET Interactive kernel load TorchSharp's native bridge on older libstdc++ (PLATFORM.md).
kernel-compat: build
	./gwb doctor --fix

# Speed: every model × batch, the SGEMM ceiling, data loading, memory, notebooks, and the PyTorch
# peer alternating with TorchSharp in one run. JSON → bench/results/, tables → BENCHMARKS.md.
bench: setup bench-apt
	./gwb bench --python $(BENCH_PYTHON) --update-benchmarks BENCHMARKS.md $(BENCH_ARGS)

# Every reproduction with its cpu budget, seeds two at a time, then the README table and docs/reproductions.md.
reproduce: setup
	./gwb reproduce --all --budget cpu --parallel 2 --write-table

bench-pytorch: setup bench-apt
	./gwb bench --only pytorch --python $(BENCH_PYTHON) $(BENCH_ARGS)

UNIT_TEST := $(DOTNET) test tests/GanWorkbench.Tests.csproj --no-build -c $(CONFIG) --logger "console;verbosity=normal"
unit-tests: $(BUILD_DEP)
	$(UNIT_TEST)

# The unit tests in two disjoint halves (the experiment and cluster tests; the rest), for make test's two lanes:
# each half is its own test process on one torch thread.
# The first half is named by its test namespaces; the second is derived from them, so the two always partition the suite.
UNIT_HALF_1_NAMESPACES := Experiments Cluster
empty :=
space := $(empty) $(empty)
UNIT_HALF_1 := $(subst $(space),|,$(foreach n,$(UNIT_HALF_1_NAMESPACES),FullyQualifiedName~GanWorkbench.Tests.$(n).))
UNIT_HALF_2 := $(subst $(space),&,$(foreach n,$(UNIT_HALF_1_NAMESPACES),FullyQualifiedName!~GanWorkbench.Tests.$(n).))
unit-tests-1: $(BUILD_DEP)
	GWB_THREADS=1 $(UNIT_TEST) --filter "$(UNIT_HALF_1)"
unit-tests-2: $(BUILD_DEP)
	GWB_THREADS=1 $(UNIT_TEST) --filter "$(UNIT_HALF_2)"

# Studies on Slurm: Debian's slurm-wlm and munge unpacked into build/slurm/ (no root needed), a single-node
# cluster on localhost started and stopped (by pid) by the script; a 4-member quick sweep submitted with --slurm,
# one member requeued and one warned of its time limit, both resumed bit-identical to a local sweep (tests/Slurm/).
slurm-test: setup
	tests/Slurm/slurm_test.sh

# Hostile and unlucky input against the built CLI (tests/redteam/redteam.sh): one PASS/FAIL line per case, a total;
# about a minute. Mounts two small tmpfs when root (a full and a read-only filesystem), else simulates with chmod.
redteam-tests: $(BUILD_DEP)
	tests/redteam/redteam.sh

# Every reproduction of reproductions.yaml end to end with its quick budget (numbers meaningless, pipeline checked):
# records go to build/reproductions/quick/, never over the committed ones in reproductions/results/.
reproduction-tests: $(BUILD_DEP)
	./gwb reproduce --all --budget quick

# Every notebook passes the hygiene check and runs top to bottom at the quick budget in the .NET Interactive C# kernel
# (hosted by gwb; its setup cell restores the pinned packages from NuGet and loads the library that `build` made).
notebook-tests: $(BUILD_DEP) apt
	./gwb nb check
	rm -rf build/notebooks-quick
	$(if $(NOTEBOOKS),./gwb nb run $(NOTEBOOKS) --param $(NB_QUICK) --timeout 180 --output build/notebooks-quick,@echo "no notebooks to run")
	$(SYSTEM_PYTHON) tests/Jupyter/check_charts.py --stored-only build/notebooks-quick/*.ipynb

# The same notebooks through Jupyter's own client (nbclient) and the registered kernel, as a teacher's Jupyter runs
# them; then every executed notebook is opened in its nbconvert page and in Jupyter Notebook, in headless Chromium,
# and every chart must have drawn.
notebook-jupyter-tests: $(BUILD_DEP) apt $(KERNELSPEC) $(KERNEL_FIX)
	rm -rf build/notebooks-jupyter-in build/notebooks-jupyter
	./gwb nb params $(NOTEBOOKS) --param $(NB_QUICK) --output build/notebooks-jupyter-in
	$(JUPYTER_ENV) $(SYSTEM_PYTHON) tests/Jupyter/execute_notebooks.py build/notebooks-jupyter-in/*.ipynb --cwd notebooks --timeout 180 --output build/notebooks-jupyter
	$(JUPYTER_ENV) $(SYSTEM_PYTHON) tests/Jupyter/check_charts.py --work build/jupyter-check build/notebooks-jupyter/*.ipynb

# TorchSharp-tutorial-style fixtures (cells that fail on purpose): the same cells fail in gwb nb run and in Jupyter.
tutorial-tests: $(BUILD_DEP) apt $(KERNELSPEC) $(KERNEL_FIX)
	rm -rf build/tutorials-gwb build/tutorials-jupyter
	./gwb nb run $(TUTORIALS) --timeout 180 --output build/tutorials-gwb || [ $$? -eq 2 ]
	$(JUPYTER_ENV) $(SYSTEM_PYTHON) tests/Jupyter/execute_notebooks.py $(TUTORIALS) --cwd tests/Jupyter/tutorials --timeout 180 --output build/tutorials-jupyter || [ $$? -eq 2 ]
	$(SYSTEM_PYTHON) tests/Jupyter/compare_executors.py build/tutorials-gwb build/tutorials-jupyter $(notdir $(TUTORIALS))

# One exact-theory notebook as a C# file-based app (the way past the kernel's deprecation): exported, run at the quick
# budget with `dotnet run`; its page must hold as many charts as the kernel's run of the notebook, every one drawn.
APP_NOTEBOOK := 02-minimax-game
notebook-app-test: $(BUILD_DEP) apt notebook-tests
	rm -f build/apps/$(APP_NOTEBOOK).html
	./gwb nb export notebooks/$(APP_NOTEBOOK).ipynb --to app --output build/apps
	cd build/apps && $(DOTNET) run $(APP_NOTEBOOK).cs -- --param $(NB_QUICK)
	$(SYSTEM_PYTHON) tests/Jupyter/check_charts.py --work build/app-check --page build/apps/$(APP_NOTEBOOK).html build/notebooks-quick/$(APP_NOTEBOOK).ipynb

jupyter-kernel: $(KERNELSPEC)

$(INTERACTIVE):
	$(DOTNET) tool install Microsoft.dotnet-interactive --version $(INTERACTIVE_VERSION) --tool-path build/tools

$(KERNELSPEC): $(INTERACTIVE) tests/Jupyter/register_kernel.py
	rm -rf build/jupyter/kernels && mkdir -p build/jupyter/kernels
	$(INTERACTIVE) jupyter install --path $(JUPYTER_DIR)/kernels
	$(SYSTEM_PYTHON) tests/Jupyter/register_kernel.py build/jupyter/kernels $(INTERACTIVE)

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
