#!/usr/bin/env bash
# Makes `import pyNN.neuron` work with Debian's packages (python3-pynn 0.10, neuron-dev 8.2), which the PyNN export's
# round trip (`npm run sim -- export --run`, test/export) needs. Idempotent: does nothing when the mechanisms load.
#
# PyNN does not compile its NMODL files itself: `import pyNN.neuron` fails until `nrnivmodl` has run in
# .../pyNN/neuron/nmodl. Debian's `nrnivmodl` looks for `nrnmech_makefile` and `libnrniv.so` one folder too high
# (both live in /usr/lib/nrn), so it is given a copy of that makefile with `libdir` pointing there (via
# NRNHOME_EXEC). It then builds <arch>/.libs/libnrnmech.so — all PyNN loads — and fails (exit 2) while linking the
# `special` binary, which PyNN does not use; that failure is expected and ignored.
#
# Usage: sims/tools/setup-pynn-neuron.sh [--install]
#   --install  first install the Debian packages when missing (apt-get; needs root):
#              python3-pynn python3-neuron openmpi-bin python3-mpi4py neuron-dev g++ make
# Writing into PyNN's package folder needs root (sudo) as well. PYTHON overrides the interpreter (/usr/bin/python3).
set -euo pipefail

PY="${PYTHON:-/usr/bin/python3}"
PACKAGES=(python3-pynn python3-neuron openmpi-bin python3-mpi4py neuron-dev g++ make)  # nrnivmodl compiles with g++ and make

if [ "${1:-}" = "--install" ]; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
elif [ -n "${1:-}" ]; then
  echo "usage: $0 [--install]" >&2
  exit 2
fi

if ! "$PY" -c 'import pyNN' 2>/dev/null; then
  echo "error: $PY cannot import pyNN; install Debian's packages: apt-get install ${PACKAGES[*]} (or run $0 --install)" >&2
  exit 2
fi
if "$PY" -c 'import pyNN.neuron' >/dev/null 2>&1; then
  echo "pyNN.neuron loads: nothing to do"
  exit 0
fi

NMODL="$("$PY" -c 'import os, pyNN; print(os.path.join(os.path.dirname(pyNN.__file__), "neuron", "nmodl"))')"
MAKEFILE="$(ls /usr/lib/nrn/nrnmech_makefile /usr/lib/*/nrn/nrnmech_makefile 2>/dev/null | head -n 1 || true)"
if [ -z "$MAKEFILE" ] || ! command -v nrnivmodl >/dev/null; then
  echo "error: nrnivmodl or nrnmech_makefile not found; install Debian's neuron-dev (apt-get install neuron-dev)" >&2
  exit 2
fi
NRNLIB="$(dirname "$MAKEFILE")"
if [ ! -w "$NMODL" ]; then
  echo "error: cannot write to $NMODL; run this script as root (sudo $0)" >&2
  exit 2
fi

# NRNHOME_EXEC=<dir> makes nrnivmodl read <dir>/bin/nrnmech_makefile; that copy links against $NRNLIB/libnrniv.so.
EXEC="$(mktemp -d)"
trap 'rm -rf "$EXEC"' EXIT
mkdir -p "$EXEC/bin"
sed "s|^libdir := .*|libdir := $NRNLIB|" "$MAKEFILE" > "$EXEC/bin/nrnmech_makefile"

echo "building PyNN's NEURON mechanisms in $NMODL"
set +e
(cd "$NMODL" && NRNHOME_EXEC="$EXEC" nrnivmodl > "$EXEC/nrnivmodl.log" 2>&1)
status=$?
set -e
ARCH="$(uname -m)"
if [ ! -f "$NMODL/$ARCH/.libs/libnrnmech.so" ]; then
  echo "error: nrnivmodl (exit $status) did not build $NMODL/$ARCH/.libs/libnrnmech.so; its log:" >&2
  tail -n 30 "$EXEC/nrnivmodl.log" >&2
  exit 1
fi
# Exit 2 here is the expected failure to link `special` (unused by PyNN).
if ! "$PY" -c 'import pyNN.neuron' >/dev/null 2>&1; then
  echo "error: the mechanisms were built but pyNN.neuron still does not import:" >&2
  "$PY" -c 'import pyNN.neuron' 2>&1 | tail -n 5 >&2
  exit 1
fi
echo "pyNN.neuron loads (mechanisms in $NMODL/$ARCH/.libs/libnrnmech.so; nrnivmodl exit $status, 'special' not needed)"
