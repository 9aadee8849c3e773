#!/usr/bin/python3
"""Peer timings for the side-by-side workloads of ../shared/peers/peers.py, with the same data:
numpy default_rng(42); p = rng.random(n), p /= p.sum(); q likewise; x = rng.standard_normal(n);
y = (rng.random(n) < 0.5) as float64; n = 1e7 float64; then logits = rng.standard_normal((4096, 1000)) and
labels = rng.integers(0, 1000, 4096) for softmax cross-entropy (float64, and float32 as peers.py's ce_grad32).

Every peer implementation peers.py lists for entropy_f64_1e7, kl_f64_1e7, js_distance_f64_1e7 and
logsumexp_f64_1e7 is timed as peers.py does (one warm-up call, then the median of --runs calls).
Prints one JSON line per (workload, peer): workload, peer, median_s, elems_per_s, value.

Options: --runs R (default 5); --dump DIR also writes p, q, x as raw little-endian float64 to DIR/{p,q,x}.f64
(and y, logits.f64, labels.i64 as int64; for `Functional.Bench side-by-side --data DIR`, so both sides time the very same arrays);
--versions prints one JSON object with the python/numpy/scipy/torch versions and exits.
Run with Debian's /usr/bin/python3; imports nothing beyond numpy, scipy and torch (and the standard library)."""
import argparse
import json
import os
import platform
import statistics as st
import sys
import time

INSTALL = "apt-get update && apt-get install -y python3-numpy python3-scipy python3-sklearn python3-torch"

try:
    import numpy as np
    import scipy
    import scipy.special as sp
    import scipy.stats as ss
    from scipy.spatial.distance import jensenshannon
    import torch
except ImportError as e:
    print(f"peers_subset.py: the Python peers are not installed ({e}).\n"
          f"Install Debian's packages (as root) and run with /usr/bin/python3:\n  {INSTALL}", file=sys.stderr)
    sys.exit(3)


def bench(fn, runs):
    fn()
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return st.median(ts)


def bce_grad(tx, ty):
    z = tx.clone().requires_grad_(True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, ty, reduction="sum")
    loss.backward()
    return loss.item()


def huber_grad(tx):
    z = tx.clone().requires_grad_(True)
    loss = torch.nn.functional.huber_loss(z, torch.zeros_like(tx), reduction="sum", delta=1.0)
    loss.backward()
    return loss.item()


CE_ROWS, CE_CLASSES = 4096, 1000


def ce_grad(tl, tlab):
    """peers.py's ce_grad / ce_grad32: mean softmax cross-entropy with integer labels, value and autograd gradient."""
    z = tl.clone().requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(z, tlab, reduction="mean")
    loss.backward()
    return loss.item()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dump", metavar="DIR")
    ap.add_argument("--versions", action="store_true")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be >= 1")
    if a.versions:
        print(json.dumps(dict(python=platform.python_version(), numpy=np.__version__, scipy=scipy.__version__,
                              torch=torch.__version__, torch_threads=2,
                              openblas_env={k: v for k, v in os.environ.items() if "BLAS" in k or k.endswith("NUM_THREADS")})))
        return 0

    torch.set_num_threads(2)
    rng = np.random.default_rng(42)
    n = 10_000_000
    p = rng.random(n); p /= p.sum()
    q = rng.random(n); q /= q.sum()
    x = rng.standard_normal(n)
    y = (rng.random(n) < 0.5).astype(np.float64)
    # peers.py draws these next, in this order: logits ~ N(0, 1) of shape (B, C), then labels ~ U{0..C-1}.
    logits = rng.standard_normal((CE_ROWS, CE_CLASSES))
    labels = rng.integers(0, CE_CLASSES, CE_ROWS)
    tp, tq, tx, ty = map(torch.from_numpy, (p, q, x, y))
    tl, tlab = torch.from_numpy(logits), torch.from_numpy(labels)
    tl32 = tl.float()
    if a.dump:
        os.makedirs(a.dump, exist_ok=True)
        for name, arr in (("p", p), ("q", q), ("x", x), ("y", y), ("logits", logits)):
            arr.astype("<f8", copy=False).tofile(os.path.join(a.dump, f"{name}.f64"))
        labels.astype("<i8", copy=False).tofile(os.path.join(a.dump, "labels.i64"))

    workloads = [
        ("entropy_f64_1e7", "scipy.stats.entropy", lambda: ss.entropy(p)),
        ("entropy_f64_1e7", "torch (-(p*log p).sum)", lambda: -(tp * tp.log()).sum().item()),
        ("kl_f64_1e7", "scipy.special.rel_entr().sum()", lambda: sp.rel_entr(p, q).sum()),
        ("kl_f64_1e7", "scipy.stats.entropy(p,q)", lambda: ss.entropy(p, q)),
        ("kl_f64_1e7", "torch.nn.functional.kl_div(log q, p, sum)",
         lambda: torch.nn.functional.kl_div(tq.log(), tp, reduction="sum").item()),
        ("js_distance_f64_1e7", "scipy.spatial.distance.jensenshannon", lambda: jensenshannon(p, q)),
        ("logsumexp_f64_1e7", "scipy.special.logsumexp", lambda: sp.logsumexp(x)),
        ("bce_logits_value_grad_f64_1e7", "torch autograd", lambda: bce_grad(tx, ty)),
        ("huber_value_grad_f64_1e7", "torch autograd", lambda: huber_grad(tx)),
        ("gaussian_mle_f64_1e7", "numpy x.mean(), x.var()", lambda: (x.mean(), x.var())[1]),
        ("softmax_ce_value_grad_f64_4096x1000", "torch autograd", lambda: ce_grad(tl, tlab)),
        ("softmax_ce_value_grad_f32_4096x1000", "torch autograd", lambda: ce_grad(tl32, tlab)),
    ]
    for name, peer, fn in workloads:
        secs = bench(fn, a.runs)
        elems = CE_ROWS * CE_CLASSES if name.startswith("softmax_ce") else n
        print(json.dumps(dict(workload=name, peer=peer, median_s=round(secs, 6), elems_per_s=round(elems / secs),
                              value=float(fn()))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
