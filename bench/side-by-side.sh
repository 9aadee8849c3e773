#!/usr/bin/env bash
# Side-by-side: times the peers (numpy/scipy/torch, Debian's /usr/bin/python3) and Functional on the same
# n = 1e7 float64 workloads, checks the kernels allocate nothing (BenchmarkDotNet, double, n = 1e5), prints the
# tables and writes bench/RESULTS.md. Rerunnable as is. BLAS/OpenMP environment variables are left untouched.
#
# With the training workloads (issue 5): logistic-regression mini-batch SGD vs torch (the full-data log-loss once at the
# end on both sides), per-sample SGD with scikit-learn's 'optimal' schedule and L2 alpha = 1e-6 vs its SGDClassifier,
# L-BFGS vs scikit-learn's lbfgs, softmax-regression SGD vs torch (at most 3 runs each; --skip-training leaves them out).
#
# usage: bench/side-by-side.sh [--runs N] [--skip-alloc] [--skip-training] [--output FILE]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
python=/usr/bin/python3
runs=5
skip_alloc=0
skip_training=0
output="$here/RESULTS.md"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --skip-alloc) skip_alloc=1; shift ;;
    --skip-training) skip_training=1; shift ;;
    --output) output="${2:?--output needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "side-by-side.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side.sh: --runs must be a positive integer" >&2; exit 2; }

if [[ ! -x "$python" ]]; then
  echo "side-by-side.sh: $python not found; install Debian's python3 and the peers:" >&2
  echo "  apt-get update && apt-get install -y python3-numpy python3-scipy python3-sklearn python3-torch" >&2
  exit 3
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/functional-sbs.XXXXXX")"
trap 'rm -rf "$work"' EXIT

load_start="$(cat /proc/loadavg 2>/dev/null || echo '?')"
echo "== peers ($python, $runs runs)" >&2
# Fails with the install hint (exit 3) when numpy/scipy/torch are missing.
"$python" "$here/peers_subset.py" --versions > "$work/versions.json"
"$python" "$here/peers_subset.py" --runs "$runs" --dump "$work/data" | tee "$work/peers.jsonl" >&2

echo "== build (Release)" >&2
dotnet build "$here/Functional.Bench.csproj" -c Release -nologo -v quiet >&2

echo "== ours (side-by-side, $runs runs)" >&2
dotnet run --no-build -c Release --project "$here/Functional.Bench.csproj" -- \
  side-by-side --runs "$runs" --data "$work/data" --json "$work/ours.jsonl" >&2
rm -rf "$work/data"

training=()
if [[ "$skip_training" -eq 0 ]]; then
  echo "== training peers (torch, scikit-learn)" >&2
  "$python" "$here/peers_subset.py" --training --runs "$runs" --dump "$work/data" | tee "$work/peers_training.jsonl" >&2
  echo "== training, ours" >&2
  dotnet run --no-build -c Release --project "$here/Functional.Bench.csproj" -- \
    training --runs "$(( runs < 3 ? runs : 3 ))" --data "$work/data" --json "$work/ours_training.jsonl" >&2
  rm -rf "$work/data"
  training=(--training-peers "$work/peers_training.jsonl" --training-ours "$work/ours_training.jsonl")
fi

alloc=()
if [[ "$skip_alloc" -eq 0 ]]; then
  echo "== allocation check (BenchmarkDotNet, short job, in-process, double, n = 1e5)" >&2
  (cd "$work" && dotnet run --no-build -c Release --project "$here/Functional.Bench.csproj" -- \
    --filter '*DoubleKernels*' --job short --inProcess --memory --only-n 100000 \
    --exporters csv --artifacts "$work/bdn") > "$work/bdn.log" 2>&1 \
    || { echo "side-by-side.sh: BenchmarkDotNet run failed, see its log:" >&2; tail -40 "$work/bdn.log" >&2; exit 1; }
  csv="$(find "$work/bdn" -name '*DoubleKernels-report.csv' | head -n 1)"
  [[ -n "$csv" ]] && alloc=(--alloc "$csv")
  echo "== allocation check (exact bytes per call, current thread, double and float, n = 1e5)" >&2
  # Exits 1 when a kernel allocates; the report names it, so keep going.
  dotnet run --no-build -c Release --project "$here/Functional.Bench.csproj" -- \
    alloc-check --n 100000 --json "$work/exact.jsonl" >&2 || true
  alloc+=(--exact "$work/exact.jsonl")
fi

echo "== report -> $output" >&2
"$python" "$here/side_by_side_report.py" --peers "$work/peers.jsonl" --ours "$work/ours.jsonl" \
  --versions "$work/versions.json" --runs "$runs" --repo "$repo" --output "$output" \
  --load-start "$load_start" "${alloc[@]}" "${training[@]}"
