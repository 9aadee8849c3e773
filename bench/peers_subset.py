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
--versions prints one JSON object with the python/numpy/scipy/torch versions and exits; --only NAME times only the
workload NAME; --serve stays up and times the workload named on each line of stdin, then prints 'done' (side-by-side.sh
alternates peer and ours workload by workload with one such process, so the peers keep a long-lived process's state);
--data DIR reads a dump instead of drawing the arrays; --dump-only writes the arrays and times nothing.
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


TRAIN_N, TRAIN_D = 100_000, 50
SOFT_N, SOFT_D, SOFT_C = 60_000, 784, 10


def torch_logreg(tX, tY):
    """peers.py's torch_logreg: zeros start, torch.optim.SGD(lr=0.1), batches of 256 of a fresh randperm, 10 epochs."""
    n, d = tX.shape
    g = torch.Generator().manual_seed(0)
    w = torch.zeros(d, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=0.1)
    for _ in range(10):
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, 256):
            idx = perm[i:i + 256]
            opt.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(tX[idx] @ w + b, tY[idx])
            loss.backward()
            opt.step()
    with torch.no_grad():
        return torch.nn.functional.binary_cross_entropy_with_logits(tX @ w + b, tY).item()


def torch_softmax(tX, tlab, epochs=5):
    """Softmax regression: zeros start, torch.optim.SGD(lr=0.1), batches of 256 of a fresh randperm, float64."""
    n, d = tX.shape
    g = torch.Generator().manual_seed(0)
    W = torch.zeros(d, SOFT_C, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(SOFT_C, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([W, b], lr=0.1)
    for _ in range(epochs):
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, 256):
            idx = perm[i:i + 256]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(tX[idx] @ W + b, tlab[idx])
            loss.backward()
            opt.step()
    with torch.no_grad():
        return torch.nn.functional.cross_entropy(tX @ W + b, tlab).item()


def log_loss(X, Y, w, b):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - Y * z))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dump", metavar="DIR")
    ap.add_argument("--versions", action="store_true")
    ap.add_argument("--training", action="store_true",
                    help="time only the training workloads (logistic SGD vs torch and sklearn, lbfgs, softmax SGD)")
    ap.add_argument("--only", metavar="NAME", help="time only this workload (every peer of it)")
    ap.add_argument("--dump-only", action="store_true", help="with --dump: write the arrays, time nothing")
    ap.add_argument("--data", metavar="DIR", help="read the arrays a --dump wrote instead of drawing them again")
    ap.add_argument("--serve", action="store_true", help="time the workload named on each stdin line, then print 'done'")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be >= 1")
    if a.versions:
        print(json.dumps(dict(python=platform.python_version(), numpy=np.__version__, scipy=scipy.__version__,
                              torch=torch.__version__, torch_threads=2,
                              openblas_env={k: v for k, v in os.environ.items() if "BLAS" in k or k.endswith("NUM_THREADS")})))
        return 0

    torch.set_num_threads(2)
    if a.training:
        return training(a)
    n = 10_000_000
    if a.data:
        p, q, x, y, logits = (np.fromfile(os.path.join(a.data, f"{k}.f64"), dtype="<f8") for k in ("p", "q", "x", "y", "logits"))
        logits = logits.reshape(CE_ROWS, CE_CLASSES)
        labels = np.fromfile(os.path.join(a.data, "labels.i64"), dtype="<i8")
    else:
        rng = np.random.default_rng(42)
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
    if a.dump_only:
        return 0
    def time_one(only):
        for name, peer, fn in workloads:
            if only is not None and name != only:
                continue
            secs = bench(fn, a.runs)
            elems = CE_ROWS * CE_CLASSES if name.startswith("softmax_ce") else n
            print(json.dumps(dict(workload=name, peer=peer, median_s=round(secs, 6), elems_per_s=round(elems / secs),
                                  value=float(fn()))), flush=True)

    return serve(time_one) if a.serve else time_one(a.only) or 0


def serve(time_one):
    """--serve: one long-lived process (as the peers live in a real program: their allocators' and thread pools' state
    carried from call to call) that times the workload named on each line of stdin and then prints 'done'."""
    for line in sys.stdin:
        name = line.strip()
        if name:
            time_one(name)
            print("done", flush=True)
    return 0


def training(a):
    """Draws the data as peers.py does (the kernels' arrays first, then X, w*, Y), then the softmax data, and times the
    training peers. The value of each line is the final mean log-loss on the whole training set (no penalty term)."""
    from sklearn.linear_model import SGDClassifier, LogisticRegression
    if a.data:
        def load(name, shape):
            return np.fromfile(os.path.join(a.data, f"{name}.f64"), dtype="<f8").reshape(shape)
        X, Y = load("logreg_X", (TRAIN_N, TRAIN_D)), load("logreg_y", (TRAIN_N,))
        SX, SY = load("softmax_X", (SOFT_N, SOFT_D)), load("softmax_y", (SOFT_N,)).astype(np.int64)
    else:
        rng = np.random.default_rng(42)
        n = 10_000_000
        for _ in range(2):
            rng.random(n)
        rng.standard_normal(n)
        rng.random(n)
        rng.standard_normal((CE_ROWS, CE_CLASSES))
        rng.integers(0, CE_CLASSES, CE_ROWS)
        X = rng.standard_normal((TRAIN_N, TRAIN_D)); wtrue = rng.standard_normal(TRAIN_D)
        Y = (rng.random(TRAIN_N) < 1 / (1 + np.exp(-X @ wtrue))).astype(np.float64)
        # Softmax data (not in peers.py): N(0, 1) features, labels drawn from softmax(3 x·W/√d) by the Gumbel-max trick.
        SX = rng.standard_normal((SOFT_N, SOFT_D))
        SW = rng.standard_normal((SOFT_D, SOFT_C))
        SY = np.argmax(SX @ SW * (3.0 / np.sqrt(SOFT_D)) + rng.gumbel(size=(SOFT_N, SOFT_C)), axis=1)
    if a.dump:
        os.makedirs(a.dump, exist_ok=True)
        for name, arr in (("logreg_X", X), ("logreg_y", Y), ("softmax_X", SX), ("softmax_y", SY.astype(np.float64))):
            arr.astype("<f8", copy=False).tofile(os.path.join(a.dump, f"{name}.f64"))
    tX, tY = torch.from_numpy(X), torch.from_numpy(Y)
    tSX, tSY = torch.from_numpy(SX), torch.from_numpy(SY)

    def sgd_classifier():
        m = SGDClassifier(loss="log_loss", max_iter=10, tol=None, alpha=1e-6, random_state=0).fit(X, Y)
        return log_loss(X, Y, m.coef_[0], m.intercept_[0])

    def lbfgs():
        m = LogisticRegression(C=1e6, max_iter=1000).fit(X, Y)
        return log_loss(X, Y, m.coef_[0], m.intercept_[0])

    workloads = [
        ("logreg_sgd_100kx50_10ep", "torch SGD", lambda: torch_logreg(tX, tY), TRAIN_N * 10),
        ("logreg_sgd_100kx50_10ep", "sklearn SGDClassifier(log_loss, per-sample, 10 ep)", sgd_classifier, TRAIN_N * 10),
        ("logreg_fit_100kx50", "sklearn LogisticRegression(lbfgs)", lbfgs, TRAIN_N),
        ("softmax_sgd_60kx784x10_5ep", "torch SGD", lambda: torch_softmax(tSX, tSY), SOFT_N * 5),
    ]
    runs = min(a.runs, 3)
    if a.dump_only:
        return 0
    def time_one(only):
        for name, peer, fn, elems in workloads:
            if only is not None and name != only:
                continue
            # bench() runs fn once to warm up, then `runs` times; the value comes from one more run (all are deterministic)
            secs = bench(fn, runs)
            print(json.dumps(dict(workload=name, peer=peer, median_s=round(secs, 6), elems_per_s=round(elems / secs),
                                  value=float(fn()))), flush=True)

    return serve(time_one) if a.serve else time_one(a.only) or 0


if __name__ == "__main__":
    sys.exit(main())
