"""PyTorch side of Benchmarks/main.swift: the same networks and steps, one thread, median of
repeats of CPU time (time.thread_time); prints "name<TAB>steps per second" (GFLOP/s for sgemm)."""
import os
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(0)
REPEATS = int(os.environ.get("REPEATS", "7"))


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


nn = torch.nn

# 2-16-16-1, batch 32, sigmoid + BCE + SGD
x = torch.rand(32, 2)
y = (torch.rand(32, 1) > 0.5).float()
model = nn.Sequential(nn.Linear(2, 16), nn.Sigmoid(), nn.Linear(16, 16), nn.Sigmoid(), nn.Linear(16, 1), nn.Sigmoid())
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.BCELoss()


def step_small():
    opt.zero_grad()
    loss_fn(model(x), y).backward()
    opt.step()


report("mlp 2-16-16-1 sgd", measure(3000, step_small))

# 64-64-10 on the digits, batch 32, ReLU + CE + Adam
data = np.loadtxt("Lessons/data/digits.csv", delimiter=",", dtype=np.float32)
test_rows = set(int(r) for r in open("Lessons/data/digits-test-rows.txt").read().split())
train = data[[i for i in range(len(data)) if i not in test_rows]]
features = torch.tensor(train[:, :64] / 16)
labels = torch.tensor(train[:, 64]).long()
batches = [(features[i:i + 32], labels[i:i + 32]) for i in range(0, len(train) - 31, 32)]
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
ce = nn.CrossEntropyLoss()
counter = [0]


def step_digits():
    bx, by = batches[counter[0] % len(batches)]
    counter[0] += 1
    opt.zero_grad()
    ce(model(bx), by).backward()
    opt.step()


report("mlp 64-64-10 adam", measure(2000, step_digits))

# 784-128-64-10, batch 64, ReLU + CE + Adam
x = torch.rand(64, 784)
y = torch.randint(0, 10, (64,))
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)


def step_mnist():
    opt.zero_grad()
    ce(model(x), y).backward()
    opt.step()


report("mlp 784-128-64-10 adam", measure(500, step_mnist))

for n in [16, 32, 64, 128, 256, 512, 1024]:
    a, b = torch.rand(n, n), torch.rand(n, n)
    flops = 2 * n ** 3
    report(f"sgemm n={n} GFLOP/s", measure(max(3, int(2e9 / flops)), lambda: torch.mm(a, b)) * flops / 1e9)
