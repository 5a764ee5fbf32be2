#!/usr/bin/env bash
# Generates a register of COUNT documents (default 100 000) in DIR for the performance check:
#   scripts/gen-registry.sh DIR [COUNT]
# Documents, pages (with the Vietnamese full-text index), events and assignments are written
# through the register's own code (Tests/WebTests/PerfRegistryGenerator.swift), seeded, so
# every run makes the same register. About 1 % confidential holds, 5 % needs_review,
# 5 % awaiting_assignment, the rest assigned; 1–3 pages of OCR-like text each.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/gen-registry.sh DIR [COUNT]}
count=${2:-100000}
BUILD_DIR=${BUILD_DIR:-.build}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
time INTAKE_PERF_REGISTRY="$dir" INTAKE_PERF_COUNT="$count" OMP_THREAD_LIMIT=1 \
  swift test --scratch-path "$BUILD_DIR" --skip-build --filter 'WebTests.PerfRegistryGenerator'
ls -la "$dir"
