# GanWorkbench — every target does its own setup, so `make run` and `make test` work on a fresh clone.
#   make setup      restore, build (applies the libstdc++ compat fix), fetch MNIST + Fashion-MNIST
#   make run        setup, then train the default experiment (quickstart)
#   make test       setup, then every test (unit, behaviour, notebooks in QUICK mode)
#   make clean      remove build outputs (keeps data/ and runs/)
# Options: TORCH=cuda (CUDA backend; needs TorchSharp-cuda-linux in your NuGet source), CONFIG=Debug.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TORCH       ?= cpu
CONFIG      ?= Release
DOTNET      ?= dotnet
BUILD_FLAGS := -c $(CONFIG) -nologo -p:TorchBackend=$(TORCH)
# Debian packages the tests and the data fallbacks use (installed only where missing).
APT_PACKAGES := python3-nbformat
APT_CACHE   := $(HOME)/.cache/apt

.PHONY: all setup build data run test unit-tests apt clean help

all: run

help:
	@sed -n '1,8p' Makefile

setup: build data

build:
	$(DOTNET) build GanWorkbench.sln $(BUILD_FLAGS)
	@mkdir -p artifacts && echo "$(TORCH)" > artifacts/gwb.build-stamp

# Fashion-MNIST's offline fallback is Debian's package, fetched with `apt-get download`,
# which needs package lists: refresh them once if there are none.
data: build
	@if [ ! -f data/fashion-mnist/train-images-idx3-ubyte ] && ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then \
	  $(call as_root) apt-get update -qq || true; fi
	./gwb data fetch all

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  mkdir -p "$(APT_CACHE)/partial"; \
	  $(call as_root) apt-get update -qq; \
	  $(call as_root) apt-get install -y -qq -o Dir::Cache::Archives="$(APT_CACHE)" $$missing; \
	fi

run: setup
	./gwb run quickstart

test: setup apt unit-tests

unit-tests: build
	$(DOTNET) test tests/GanWorkbench.Tests.csproj --no-build -c $(CONFIG) --logger "console;verbosity=normal"

clean:
	rm -rf artifacts build

# sudo only when not already root (CI and containers run as root).
as_root = $(if $(filter 0,$(shell id -u)),,sudo)
