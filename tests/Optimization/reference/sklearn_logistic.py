"""Reference optimum for LbfgsTests: L2-regularised logistic regression fitted by scikit-learn's lbfgs.

    /usr/bin/python3 tests/Optimization/reference/sklearn_logistic.py > tests/Optimization/reference/sklearn_logistic.json

scikit-learn minimises C * sum_i log(1 + exp(-y_i (x_i.w + b))) + ||w||^2 / 2 (intercept b not penalised), y in {-1, +1}.
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(20240502)
n, d = 300, 6
X = rng.normal(size=(n, d)) * np.array([1.0, 2.0, 0.5, 1.0, 3.0, 0.1])
w_true = np.array([1.5, -0.7, 2.0, 0.0, 0.3, -4.0])
p = 1.0 / (1.0 + np.exp(-(X @ w_true + 0.4)))
y = np.where(rng.uniform(size=n) < p, 1.0, -1.0)
C = 0.5
model = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(X, y)
w, b = model.coef_[0], model.intercept_[0]
margins = y * (X @ w + b)
objective = C * np.sum(np.logaddexp(0.0, -margins)) + 0.5 * w @ w
# the same fit with scikit-learn's defaults (tol 1e-4), for the iteration count
default = LogisticRegression(C=C).fit(X, y)


def gradient(t):
    m = y * (X @ t[:-1] + t[-1])
    s = 1.0 / (1.0 + np.exp(m))
    return np.concatenate([-C * (X.T @ (y * s)) + t[:-1], [-C * np.sum(y * s)]])


# scikit-learn's lbfgs stops on its relative-reduction test (64 eps) with max|gradient| ~ 2e-4 here; Newton's method from
# its answer gives the optimum to rounding (max|gradient| ~ 1e-15), the reference for the coefficients
t = np.concatenate([w, [b]])
Xa = np.hstack([X, np.ones((n, 1))])
for _ in range(8):
    m = y * (Xa @ t)
    s = 1.0 / (1.0 + np.exp(m))
    H = C * (Xa.T * (s * (1 - s))) @ Xa
    H[:d, :d] += np.eye(d)
    t = t - np.linalg.solve(H, gradient(t))
m = y * (Xa @ t)
optimum = C * np.sum(np.logaddexp(0.0, -m)) + 0.5 * t[:-1] @ t[:-1]
print(json.dumps({
    "sklearn": sklearn.__version__,
    "C": C,
    "X": X.tolist(),
    "y": y.tolist(),
    "coef": w.tolist(),
    "intercept": b,
    "objective": objective,
    "iterations": int(model.n_iter_[0]),
    "sklearnGradientMax": float(np.abs(gradient(np.concatenate([w, [b]]))).max()),
    "optimum": t.tolist(),
    "optimumObjective": optimum,
    "optimumGradientMax": float(np.abs(gradient(t)).max()),
    "defaultIterations": int(default.n_iter_[0]),
}, indent=1))
