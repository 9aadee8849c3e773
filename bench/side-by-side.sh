#!/usr/bin/env bash
# Side-by-side: times the peers (numpy/scipy/torch, Debian's /usr/bin/python3) and Functional on the same
# n = 1e7 float64 workloads, checks the kernels allocate nothing (BenchmarkDotNet, double, n = 1e5), prints the
# tables and writes bench/RESULTS.md. Rerunnable as is. BLAS/OpenMP environment variables are left untouched.
#
# With the training workloads (issue 5): logistic-regression mini-batch SGD vs torch (the full-data log-loss once at the
# end on both sides), per-sample SGD with scikit-learn's 'optimal' schedule and L2 alpha = 1e-6 vs its SGDClassifier,
# L-BFGS vs scikit-learn's lbfgs, softmax-regression SGD vs torch (at most 3 runs each; --skip-training leaves them out).
#
# Interleaved: in each of --rounds rounds, every workload is timed by its peers and then by us, back to back, so both
# sides of a ratio see the same minutes of a machine whose speed changes from minute to minute; the report gives the
# median of the per-round ratios and each round's ratio. The peers run in one long-lived Python process per phase
# (peers_subset.py --serve), as in a real program; ours in a fresh process per workload, warmed to tier-1 code.
#
# usage: bench/side-by-side.sh [--runs N] [--rounds K] [--skip-alloc] [--skip-training] [--output FILE]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
python=/usr/bin/python3
runs=5
rounds=3
skip_alloc=0
skip_training=0
output="$here/RESULTS.md"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --skip-alloc) skip_alloc=1; shift ;;
    --skip-training) skip_training=1; shift ;;
    --output) output="${2:?--output needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "side-by-side.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side.sh: --runs must be a positive integer" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side.sh: --rounds must be a positive integer" >&2; exit 2; }

if [[ ! -x "$python" ]]; then
  echo "side-by-side.sh: $python not found; install Debian's python3 and the peers:" >&2
  echo "  apt-get update && apt-get install -y python3-numpy python3-scipy python3-sklearn python3-torch" >&2
  exit 3
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/functional-sbs.XXXXXX")"
trap 'rm -rf "$work"' EXIT

load_start="$(cat /proc/loadavg 2>/dev/null || echo '?')"
# Fails with the install hint (exit 3) when numpy/scipy/torch are missing.
"$python" "$here/peers_subset.py" --versions > "$work/versions.json"
echo "== data ($python, numpy default_rng(42))" >&2
"$python" "$here/peers_subset.py" --dump "$work/data" --dump-only
[[ "$skip_training" -eq 0 ]] && "$python" "$here/peers_subset.py" --training --dump "$work/tdata" --dump-only

echo "== build (Release)" >&2
dotnet build "$here/Functional.Bench.csproj" -c Release -nologo -v quiet >&2
bench_dll=(dotnet "$here/bin/Release/net10.0/Functional.Bench.dll")

kernels=(entropy_f64_1e7 kl_f64_1e7 js_distance_f64_1e7 logsumexp_f64_1e7 bce_logits_value_grad_f64_1e7
  huber_value_grad_f64_1e7 gaussian_mle_f64_1e7 softmax_ce_value_grad_f64_4096x1000 softmax_ce_value_grad_f32_4096x1000)
# training: the peer's workload name, then our --only names timed right after it
# (`--only logreg_sgd` also times logreg_sgd_optimal, our side of the SGDClassifier comparison)
training_pairs=("logreg_sgd_100kx50_10ep:logreg_sgd" "logreg_fit_100kx50:logreg_fit" "softmax_sgd_60kx784x10_5ep:softmax_sgd")
peers_files=() ours_files=() tpeers_files=() tours_files=()

# peer_time WORKLOAD FILE: the serving peers process times WORKLOAD; its JSON lines go to FILE. The coprocess's
# descriptors and pid are copied at its start (bash unsets PEERS and PEERS_PID when it reaps the process).
peer_time() {
  local line done=0
  echo "$1" >&"$peers_in" || { echo "side-by-side.sh: the peers process is gone (timing $1)" >&2; exit 1; }
  while IFS= read -r line <&"$peers_out"; do
    [[ "$line" == done ]] && { done=1; break; }
    echo "$line" | tee -a "$2" >&2
  done
  [[ "$done" -eq 1 ]] || { echo "side-by-side.sh: the peers process stopped while timing $1" >&2; exit 1; }
}

coproc PEERS { "$python" "$here/peers_subset.py" --serve --runs "$runs" --data "$work/data"; }
peers_in=${PEERS[1]} peers_out=${PEERS[0]} peers_pid=$PEERS_PID
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round of $rounds: kernels, peers then ours, $runs runs each" >&2
  for w in "${kernels[@]}"; do
    peer_time "$w" "$work/peers.$round.jsonl"
    "${bench_dll[@]}" side-by-side --runs "$runs" --only "$w" --data "$work/data" --json "$work/ours.$round.jsonl" | grep -v '^#' >&2
  done
  peers_files+=("$work/peers.$round.jsonl") ours_files+=("$work/ours.$round.jsonl")
done
exec {peers_in}>&-
wait "$peers_pid" 2>/dev/null || true

if [[ "$skip_training" -eq 0 ]]; then
  coproc PEERS { "$python" "$here/peers_subset.py" --training --serve --runs "$runs" --data "$work/tdata"; }
  peers_in=${PEERS[1]} peers_out=${PEERS[0]} peers_pid=$PEERS_PID
  for ((round = 1; round <= rounds; round++)); do
    echo "== round $round of $rounds: training, peers then ours" >&2
    for pair in "${training_pairs[@]}"; do
      peer_time "${pair%%:*}" "$work/tpeers.$round.jsonl"
      for ours_only in ${pair#*:}; do
        "${bench_dll[@]}" training --runs "$(( runs < 3 ? runs : 3 ))" --only "$ours_only" --data "$work/tdata" \
          --json "$work/tours.$round.jsonl" | grep -v '^#' >&2
      done
    done
    tpeers_files+=("$work/tpeers.$round.jsonl") tours_files+=("$work/tours.$round.jsonl")
  done
  exec {peers_in}>&-
  wait "$peers_pid" 2>/dev/null || true
fi
rm -rf "$work/data" "$work/tdata"

training=()
[[ "$skip_training" -eq 0 ]] && training=(--training-peers "${tpeers_files[@]}" --training-ours "${tours_files[@]}")

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
"$python" "$here/side_by_side_report.py" --peers "${peers_files[@]}" --ours "${ours_files[@]}" \
  --versions "$work/versions.json" --runs "$runs" --repo "$repo" --output "$output" \
  --load-start "$load_start" "${alloc[@]}" "${training[@]}"
