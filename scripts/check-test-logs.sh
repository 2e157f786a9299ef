#!/usr/bin/env bash
# Fails the build when any test's captured output (logs, stack traces, System.out) holds a run
# of exactly 16 digits: a NIK or KK number that escaped the masking.
set -euo pipefail
reports=${1:?surefire reports folder}
[ -d "$reports" ] || exit 0
shopt -s nullglob
files=("$reports"/*-output.txt)
[ ${#files[@]} -gt 0 ] || exit 0
if leaks=$(grep -HnoP '(?<![0-9])[0-9]{16}(?![0-9])' "${files[@]}"); then
  echo "Unmasked 16-digit identifiers in test output:" >&2
  # Show where, masked: the check must not leak what it found.
  echo "$leaks" | sed -E 's/:[0-9]{12}([0-9]{4})$/:************\1/' | head -20 >&2
  exit 1
fi
echo "No unmasked 16-digit identifier in ${#files[@]} test output file(s)."
