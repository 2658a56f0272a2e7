"""Hand-written numpy side of Benchmarks/main.swift: forward and backward written out by hand
(no autodiff), one thread, median of repeats; prints "name<TAB>steps per second"."""
import os
import time

import numpy as np

REPEATS = int(os.environ.get("REPEATS", "7"))
rng = np.random.default_rng(0)
f32 = np.float32


def measure(steps, body):
    for _ in range(max(1, steps // 10)):
        body()
    rates = []
    for _ in range(REPEATS):
        start = time.thread_time()
        for _ in range(steps):
            body()
        rates.append(steps / (time.thread_time() - start))
    return sorted(rates)[len(rates) // 2]


def report(name, value):
    print(f"{name}\t{value:.1f}", flush=True)


def init(sizes):
    return [[rng.uniform(-1, 1, (a, b)).astype(f32) * f32(np.sqrt(2 / a)), np.zeros(b, f32)] for a, b in zip(sizes, sizes[1:])]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# 2-16-16-1, batch 32, sigmoid + BCE + SGD
x = rng.random((32, 2), dtype=f32)
y = (rng.random((32, 1)) > 0.5).astype(f32)
layers = init([2, 16, 16, 1])


def step_small():
    (w1, b1), (w2, b2), (w3, b3) = layers
    h1 = sigmoid(x @ w1 + b1)
    h2 = sigmoid(h1 @ w2 + b2)
    p = sigmoid(h2 @ w3 + b3)
    # loss = -mean(y log p + (1-y) log(1-p)); through the sigmoid, dL/dz3 = (p - y) / n
    g3 = (p - y) / len(x)
    g2 = (g3 @ w3.T) * h2 * (1 - h2)
    g1 = (g2 @ w2.T) * h1 * (1 - h1)
    for (w, b), a, g in ((layers[0], x, g1), (layers[1], h1, g2), (layers[2], h2, g3)):
        w -= f32(0.1) * (a.T @ g)
        b -= f32(0.1) * g.sum(0)


report("mlp 2-16-16-1 sgd", measure(10000, step_small))


class Adam:
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps, self.t = params, lr, b1, b2, eps, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads):
        self.t += 1
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            p -= (self.lr / c1) * m / (np.sqrt(v / c2) + self.eps)


def relu_ce_step(layers, adam, x, labels):
    activations = [x]
    for i, (w, b) in enumerate(layers):
        z = activations[-1] @ w + b
        activations.append(np.maximum(z, 0) if i < len(layers) - 1 else z)
    z = activations[-1]
    e = np.exp(z - z.max(1, keepdims=True))
    probabilities = e / e.sum(1, keepdims=True)
    g = probabilities
    g[np.arange(len(x)), labels] -= 1
    g /= len(x)
    grads = []
    for i in reversed(range(len(layers))):
        w, _ = layers[i]
        a = activations[i]
        grads = [a.T @ g, g.sum(0)] + grads
        if i > 0:
            g = (g @ w.T) * (a > 0)
    adam.step(grads)


# 64-64-10 on the digits, batch 32
data = np.loadtxt("Lessons/data/digits.csv", delimiter=",", dtype=f32)
test_rows = set(int(r) for r in open("Lessons/data/digits-test-rows.txt").read().split())
train = data[[i for i in range(len(data)) if i not in test_rows]]
features, labels = train[:, :64] / 16, train[:, 64].astype(int)
batches = [(features[i:i + 32], labels[i:i + 32]) for i in range(0, len(train) - 31, 32)]
layers = init([64, 64, 10])
adam = Adam([p for layer in layers for p in layer])
counter = [0]


def step_digits():
    bx, by = batches[counter[0] % len(batches)]
    counter[0] += 1
    relu_ce_step(layers, adam, bx, by)


report("mlp 64-64-10 adam", measure(5000, step_digits))

x = rng.random((64, 784), dtype=f32)
y = rng.integers(0, 10, 64)
layers = init([784, 128, 64, 10])
adam = Adam([p for layer in layers for p in layer])
report("mlp 784-128-64-10 adam", measure(500, lambda: relu_ce_step(layers, adam, x, y)))

for n in [16, 32, 64, 128, 256, 512, 1024]:
    a, b = rng.random((n, n), dtype=f32), rng.random((n, n), dtype=f32)
    flops = 2 * n ** 3
    report(f"sgemm n={n} GFLOP/s", measure(max(3, int(2e9 / flops)), lambda: a @ b) * flops / 1e9)
