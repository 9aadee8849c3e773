# Reference values for tests/Models (scikit-learn 1.2.1, NumPy 1.24.2; run with /usr/bin/python3 from the repository root).
# The printed numbers are pasted into ModelReferenceTests.cs.
import math, numpy as np
from sklearn.linear_model import Ridge, LinearRegression, LogisticRegression
from sklearn.linear_model._linear_loss import LinearModelLoss
from sklearn._loss.loss import HalfBinomialLoss, HalfMultinomialLoss
from sklearn.preprocessing import StandardScaler

def load(name):
    a = np.loadtxt(f"data/{name}.csv", delimiter=",", skiprows=1)
    return np.ascontiguousarray(a[:, :-1]), np.ascontiguousarray(a[:, -1])

def show(name, v):
    print(f"{name} = [" + ", ".join(repr(float(x)) for x in np.ravel(v)) + "]")

# 1. Ridge on raw diabetes: sklearn alpha = n * lambda (its objective is ||y - Xw - b||^2 + alpha ||w||^2).
X, y = load("diabetes"); n = len(y)
for alpha in (1.0, 0.0):
    m = (Ridge(alpha=alpha, solver="cholesky") if alpha > 0 else LinearRegression()).fit(X, y)
    show(f"diabetes sklearn alpha={alpha}", np.append(m.coef_, m.intercept_))
    # the same problem by SVD on the augmented, centred system (a second, more accurate reference)
    Xc, yc = X - X.mean(0), y - y.mean()
    A = np.vstack([Xc, math.sqrt(alpha) * np.eye(X.shape[1])]); b = np.concatenate([yc, np.zeros(X.shape[1])])
    w = np.linalg.lstsq(A, b, rcond=None)[0]
    show(f"diabetes lstsq alpha={alpha}", np.append(w, y.mean() - X.mean(0) @ w))

# 2. Binary logistic regression on standardised breast_cancer; lambda = 1/(C n), C = 1.
X, y = load("breast_cancer"); n, d = X.shape
Z = StandardScaler().fit_transform(X)
lam = 1.0 / n
w = np.array([0.05 * math.sin(j + 1) for j in range(d)] + [0.1])  # weights, then the intercept
loss = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
value, grad = loss.loss_gradient(w, Z, y, sample_weight=np.full(n, 1.0 / n), l2_reg_strength=lam)
z = Z @ w[:-1] + w[-1]
mine = np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * w[:-1] @ w[:-1]
print("breast risk sklearn", repr(float(value)), "numpy", repr(float(mine)))
show("breast gradient", grad)
m = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-14, max_iter=1000).fit(Z, y)
theta = np.append(m.coef_.ravel(), m.intercept_)
z = Z @ theta[:-1] + theta[-1]
show("breast optimum", theta)
print("breast optimum risk", repr(float(np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * theta[:-1] @ theta[:-1])))

# 3. Softmax regression on standardised iris; lambda = 1/(C n), C = 1.
X, y = load("iris"); n, d = X.shape; C = 3
Z = StandardScaler().fit_transform(X)
lam = 1.0 / n
W = np.array([[0.1 * math.cos(k * d + j + 1) for j in range(d)] + [0.2 * (k - 1)] for k in range(C)])  # class rows: weights, intercept
loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=C), fit_intercept=True)
value, grad = loss.loss_gradient(W, Z, y, sample_weight=np.full(n, 1.0 / n), l2_reg_strength=lam)
print("iris risk sklearn", repr(float(value)))
show("iris gradient weights", grad[:, :-1]); show("iris gradient intercepts", grad[:, -1])
m = LogisticRegression(C=1.0, multi_class="multinomial", solver="newton-cg", tol=1e-14, max_iter=10000).fit(Z, y)
O = Z @ m.coef_.T + m.intercept_
risk = np.mean(np.log(np.exp(O - O.max(1, keepdims=True)).sum(1)) + O.max(1) - O[np.arange(n), y.astype(int)]) + lam / 2 * np.sum(m.coef_ ** 2)
show("iris optimum weights", m.coef_); show("iris optimum intercepts", m.intercept_)
print("iris optimum risk", repr(float(risk)))

# how close the reference optima are: the max |gradient| of the mean objective there
for solver, tol in (("newton-cg", 1e-10), ("lbfgs", 1e-12)):
    m = LogisticRegression(C=1.0, multi_class="multinomial", solver=solver, tol=tol, max_iter=100000).fit(Z, y)
    coef = np.column_stack([m.coef_, m.intercept_])
    v, g = loss.loss_gradient(coef, Z, y, sample_weight=np.full(n, 1.0 / n), l2_reg_strength=lam)
    print("iris", solver, "risk", repr(float(v)), "max|grad|", np.abs(g).max())
    show(f"iris {solver} weights", m.coef_); show(f"iris {solver} intercepts", m.intercept_)
