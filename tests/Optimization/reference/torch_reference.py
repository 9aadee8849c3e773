"""Reference tables for tests/Optimization: PyTorch's optimizers and learning-rate schedulers.

Run with the Debian Python stack (torch 1.13):
    /usr/bin/python3 tests/Optimization/reference/torch_reference.py > tests/Optimization/reference/torch_reference.json

Schedules: the learning rate PyTorch's optimizer holds after t calls of scheduler.step() (t = 0, 1, ...), i.e. the
values a PyTorch user sees, computed by PyTorch's own (mostly recursive) update rules.
Optimizers: float64 parameters driven by a fixed sequence of gradients (set as .grad before each step), the
parameters after every step.
"""
import json
import math
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)


def opt(lr):
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)


def trace(lr, make, steps):
    o = opt(lr)
    s = make(o)
    out = [o.param_groups[0]["lr"]]
    for _ in range(steps):
        o.step()
        s.step()
        out.append(o.param_groups[0]["lr"])
    return out


schedules = []


def case(name, params, lr, make, steps):
    schedules.append({"name": name, "params": params, "values": trace(lr, make, steps)})


case("step", {"lr": 0.1, "stepSize": 7, "gamma": 0.5}, 0.1, lambda o: S.StepLR(o, 7, 0.5), 60)
case("multistep", {"lr": 0.2, "milestones": [5, 12, 12, 30], "gamma": 0.3}, 0.2,
     lambda o: S.MultiStepLR(o, [5, 12, 12, 30], 0.3), 45)
case("exponential", {"lr": 0.1, "gamma": 0.95}, 0.1, lambda o: S.ExponentialLR(o, 0.95), 200)
case("inverse-time", {"lr": 0.5, "k": 0.1}, 0.5, lambda o: S.LambdaLR(o, lambda t: 1.0 / (1.0 + 0.1 * t)), 100)
case("robbins-monro", {"lr": 1.0}, 1.0, lambda o: S.LambdaLR(o, lambda t: 1.0 / (1.0 + t)), 100)
case("polynomial", {"lr": 0.1, "totalSteps": 30, "power": 2.0}, 0.1, lambda o: S.PolynomialLR(o, 30, 2.0), 40)
case("polynomial-linear", {"lr": 0.3, "totalSteps": 25, "power": 1.0}, 0.3, lambda o: S.PolynomialLR(o, 25, 1.0), 30)
case("cosine", {"lr": 0.1, "tMax": 50, "min": 0.001}, 0.1, lambda o: S.CosineAnnealingLR(o, 50, 0.001), 50)
case("cosine-zero-min", {"lr": 0.05, "tMax": 17, "min": 0.0}, 0.05, lambda o: S.CosineAnnealingLR(o, 17, 0.0), 17)
case("warm-restarts", {"lr": 0.1, "t0": 10, "tMult": 2, "min": 0.01}, 0.1,
     lambda o: S.CosineAnnealingWarmRestarts(o, 10, 2, 0.01), 160)
case("warm-restarts-fixed", {"lr": 0.1, "t0": 7, "tMult": 1, "min": 0.0}, 0.1,
     lambda o: S.CosineAnnealingWarmRestarts(o, 7, 1, 0.0), 50)
case("linear", {"lr": 0.1, "start": 0.25, "end": 1.0, "totalSteps": 10}, 0.1,
     lambda o: S.LinearLR(o, 0.25, 1.0, 10), 20)
case("linear-decay", {"lr": 0.1, "start": 1.0, "end": 0.1, "totalSteps": 40}, 0.1,
     lambda o: S.LinearLR(o, 1.0, 0.1, 40), 50)
case("warmup-cosine", {"lr": 0.1, "warmupStart": 0.1, "warmupSteps": 5, "tMax": 20, "min": 0.0}, 0.1,
     lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.1, 1.0, 5), S.CosineAnnealingLR(o, 20, 0.0)], [5]), 25)
case("warmup-exponential", {"lr": 0.1, "warmupStart": 0.01, "warmupSteps": 8, "gamma": 0.9}, 0.1,
     lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.01, 1.0, 8), S.ExponentialLR(o, 0.9)], [8]), 40)
case("cyclic-triangular", {"base": 0.001, "max": 0.1, "up": 5, "down": 3}, 0.1,
     lambda o: S.CyclicLR(o, 0.001, 0.1, 5, 3, "triangular", cycle_momentum=False), 40)
case("cyclic-triangular2", {"base": 0.01, "max": 0.2, "up": 4, "down": 4}, 0.1,
     lambda o: S.CyclicLR(o, 0.01, 0.2, 4, None, "triangular2", cycle_momentum=False), 50)
case("cyclic-exp-range", {"base": 0.001, "max": 0.05, "up": 6, "down": 6, "gamma": 0.97}, 0.1,
     lambda o: S.CyclicLR(o, 0.001, 0.05, 6, None, "exp_range", 0.97, cycle_momentum=False), 60)
case("one-cycle", {"max": 0.1, "totalSteps": 50, "pctStart": 0.3, "anneal": "cos", "div": 25.0, "finalDiv": 1e4,
                   "threePhase": False}, 0.1,
     lambda o: S.OneCycleLR(o, 0.1, 50, cycle_momentum=False), 49)
case("one-cycle-linear", {"max": 0.5, "totalSteps": 40, "pctStart": 0.25, "anneal": "linear", "div": 10.0,
                          "finalDiv": 100.0, "threePhase": False}, 0.1,
     lambda o: S.OneCycleLR(o, 0.5, 40, pct_start=0.25, anneal_strategy="linear", div_factor=10.0,
                            final_div_factor=100.0, cycle_momentum=False), 39)
case("one-cycle-three-phase", {"max": 0.2, "totalSteps": 37, "pctStart": 0.3, "anneal": "cos", "div": 25.0,
                               "finalDiv": 1e4, "threePhase": True}, 0.1,
     lambda o: S.OneCycleLR(o, 0.2, 37, three_phase=True, cycle_momentum=False), 36)

metrics = [1.0, 0.9, 0.95, 0.93, 0.92, 0.91, 0.905, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.49, 0.6, 0.6, 0.6,
           0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]


def plateau(name, lr, metric_list, **kw):
    o = opt(lr)
    s = S.ReduceLROnPlateau(o, **kw)
    out = [o.param_groups[0]["lr"]]
    for m in metric_list:
        o.step()
        s.step(m)
        out.append(o.param_groups[0]["lr"])
    params = dict(kw)
    params["lr"] = lr
    params["metrics"] = metric_list
    schedules.append({"name": name, "params": params, "values": out})


plateau("plateau-min-rel", 0.1, metrics, mode="min", factor=0.5, patience=2, threshold=0.1, threshold_mode="rel",
        cooldown=1, min_lr=0.01)
plateau("plateau-min-abs", 1.0, metrics, mode="min", factor=0.3, patience=1, threshold=0.02, threshold_mode="abs",
        cooldown=0, min_lr=0.0)
plateau("plateau-max-rel", 0.1, [-m for m in metrics], mode="max", factor=0.1, patience=3, threshold=1e-4,
        threshold_mode="rel", cooldown=2, min_lr=1e-4)
plateau("plateau-max-abs", 0.1, [-m for m in metrics], mode="max", factor=0.9, patience=0, threshold=0.0,
        threshold_mode="abs", cooldown=0, min_lr=0.05)

# ---- optimizers --------------------------------------------------------------------------------------------------
gen = torch.Generator().manual_seed(20240501)
dim, steps = 5, 25
initial = torch.randn(dim, generator=gen)
gradients = [torch.randn(dim, generator=gen) * (1.0 + t % 3) for t in range(steps)]
rates = [0.05 * (1.0 + 0.5 * math.sin(t)) for t in range(steps)]

optimizers = []


def run(name, make, params, varying=False):
    p = initial.clone().requires_grad_(True)
    o = make([p])
    out = []
    for t in range(steps):
        if varying:
            for g in o.param_groups:
                g["lr"] = rates[t]
        p.grad = gradients[t].clone()
        o.step()
        out.append(p.detach().clone().tolist())
    optimizers.append({"name": name, "params": params, "varying": varying, "trajectory": out})


run("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1), {"lr": 0.1})
run("sgd-momentum", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9), {"lr": 0.1, "momentum": 0.9})
run("sgd-dampening", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, dampening=0.3),
    {"lr": 0.05, "momentum": 0.8, "dampening": 0.3})
run("sgd-nesterov", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
    {"lr": 0.1, "momentum": 0.9, "nesterov": True})
run("sgd-weight-decay", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.5, weight_decay=0.01),
    {"lr": 0.1, "momentum": 0.5, "weightDecay": 0.01})
run("sgd-nesterov-weight-decay", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.7, nesterov=True, weight_decay=0.1),
    {"lr": 0.1, "momentum": 0.7, "nesterov": True, "weightDecay": 0.1})
run("sgd-plain-weight-decay", lambda ps: torch.optim.SGD(ps, lr=0.2, weight_decay=0.3), {"lr": 0.2, "weightDecay": 0.3})
run("sgd-momentum-varying-lr", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1),
    {"momentum": 0.9, "dampening": 0.1}, varying=True)
run("adam", lambda ps: torch.optim.Adam(ps, lr=0.01), {"lr": 0.01})
run("adam-settings", lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05),
    {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weightDecay": 0.05})
run("adam-amsgrad", lambda ps: torch.optim.Adam(ps, lr=0.02, amsgrad=True), {"lr": 0.02, "amsgrad": True})
run("adam-varying-lr", lambda ps: torch.optim.Adam(ps, lr=0.01), {}, varying=True)
run("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1), {"lr": 0.01, "weightDecay": 0.1})
run("adamw-amsgrad", lambda ps: torch.optim.AdamW(ps, lr=0.03, betas=(0.85, 0.995), weight_decay=0.5, amsgrad=True),
    {"lr": 0.03, "beta1": 0.85, "beta2": 0.995, "weightDecay": 0.5, "amsgrad": True})

print(json.dumps({
    "torch": torch.__version__,
    "schedules": schedules,
    "optimizerInitial": initial.tolist(),
    "optimizerGradients": [g.tolist() for g in gradients],
    "optimizerRates": rates,
    "optimizers": optimizers,
}, indent=1))
