#!/usr/bin/env python3
"""Generates Tests/NeuralTests/PyTorchReference.swift: values, gradients and optimizer steps
computed by PyTorch on fixed inputs, which NeuralTests compares with the library's (1e-5
relative).

Run once, commit the output:  pip install torch==2.13.0+cpu && python3 Scripts/generate_pytorch_reference.py

Every operation case: inputs (float32, requires_grad), output y = op(inputs), and the
gradients of L = sum(y * upstream) for a fixed random `upstream` (so gradients are not all
ones). Losses are scalars, so their upstream is 1. Linear weights follow this library's
layout (in x out): torch computes x @ W + b with the same W.
"""
import torch
from pathlib import Path

torch.manual_seed(0)
gen = torch.Generator().manual_seed(1234)


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(*shape, generator=gen) * (high - low) + low).float()


cases = []


def case(name, fn, inputs, extra=None):
    """inputs: dict name -> tensor; fn(**leaves) -> tensor."""
    leaves = {k: v.clone().detach().requires_grad_(True) for k, v in inputs.items()}
    y = fn(**leaves)
    upstream = torch.ones_like(y) if y.dim() == 0 else rand(*y.shape, low=-1, high=1)
    (y * upstream).sum().backward()
    cases.append(dict(name=name, inputs=inputs, output=y.detach(), upstream=upstream,
                      grads={k: v.grad.detach() for k, v in leaves.items()}, extra=extra or {}))


x23, y23, b3, y13 = rand(2, 3), rand(2, 3), rand(3), rand(1, 3)
case("add", lambda x, y: x + y, dict(x=x23, y=y23))
case("addBroadcastRow", lambda x, y: x + y, dict(x=x23, y=b3))
case("addBroadcastColumn", lambda x, y: x + y, dict(x=x23, y=rand(2, 1)))
case("subtractBroadcast", lambda x, y: x - y, dict(x=x23, y=y13))
case("multiply", lambda x, y: x * y, dict(x=x23, y=y23))
case("multiplyBroadcast", lambda x, y: x * y, dict(x=rand(2, 1, 3), y=rand(4, 1)))
case("divide", lambda x, y: x / y, dict(x=x23, y=rand(2, 3, low=0.5, high=2)))
case("negate", lambda x: -x, dict(x=x23))
case("square", lambda x: x.pow(2), dict(x=x23))
case("powCube", lambda x: x.pow(3), dict(x=x23))
case("sqrt", lambda x: x.sqrt(), dict(x=rand(2, 3, low=0.5, high=3)))
case("exp", lambda x: x.exp(), dict(x=x23))
case("log", lambda x: x.log(), dict(x=rand(2, 3, low=0.2, high=3)))
case("matmul", lambda x, y: x @ y, dict(x=rand(3, 4), y=rand(4, 5)))
case("linear", lambda x, w, b: x @ w + b, dict(x=rand(5, 4), w=rand(4, 3), b=rand(3)))
case("transpose", lambda x: x.t(), dict(x=x23))
case("sum", lambda x: x.sum(), dict(x=x23))
case("sumAxis0", lambda x: x.sum(0), dict(x=x23))
case("sumAxis1", lambda x: x.sum(1), dict(x=x23))
case("mean", lambda x: x.mean(), dict(x=x23))
case("meanAxis1", lambda x: x.mean(1), dict(x=x23))
case("maxAxis1", lambda x: x.max(1).values, dict(x=x23))
case("relu", torch.relu, dict(x=x23))
case("leakyReLU", lambda x: torch.nn.functional.leaky_relu(x, 0.1), dict(x=x23))
case("sigmoid", torch.sigmoid, dict(x=x23))
case("tanh", torch.tanh, dict(x=x23))
case("softmax", lambda x: torch.softmax(x, 1), dict(x=x23))
case("softmaxAxis0", lambda x: torch.softmax(x, 0), dict(x=x23))
case("logSoftmax", lambda x: torch.log_softmax(x, 1), dict(x=x23))
p = rand(4, 3, low=0.05, high=0.95)
t = (rand(4, 3, low=0, high=1) > 0.5).float()
case("meanSquaredError", lambda p, y: torch.nn.functional.mse_loss(p, y), dict(p=x23, y=y23))
case("binaryCrossEntropy", lambda p: torch.nn.functional.binary_cross_entropy(p, t), dict(p=p), dict(y=t))
case("binaryCrossEntropyLogits", lambda z: torch.nn.functional.binary_cross_entropy_with_logits(z, t), dict(z=rand(4, 3, low=-5, high=5)), dict(y=t))
labels = torch.tensor([2, 0, 1, 2])
case("crossEntropy", lambda z: torch.nn.functional.cross_entropy(z, labels), dict(z=rand(4, 3, low=-3, high=3)), dict(labels=labels.float()))
huge = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0], [3.0, 2.0, 1e4], [0.0, 0.0, 0.0]])
case("crossEntropyHugeLogits", lambda z: torch.nn.functional.cross_entropy(z, labels), dict(z=huge), dict(labels=labels.float()))
case("binaryCrossEntropyHugeLogits", lambda z: torch.nn.functional.binary_cross_entropy_with_logits(z, t), dict(z=huge * 1.0), dict(y=t))
w1, b1, w2, b2 = rand(2, 4), rand(4), rand(4, 1), rand(1)
xin = rand(5, 2)
yb = (rand(5, 1, low=0, high=1) > 0.5).float()
case("mlp", lambda w1, b1, w2, b2: torch.nn.functional.binary_cross_entropy(torch.sigmoid(torch.tanh(xin @ w1 + b1) @ w2 + b2), yb),
     dict(w1=w1, b1=b1, w2=w2, b2=b2), dict(x=xin, y=yb))

# A product large enough for the BLAS path (36 x 72 x 64), with inputs from a formula both
# sides compute exactly; only row and column sums of the results are stored.
def formula(rows, cols, a, b):
    i = torch.arange(rows).reshape(-1, 1)
    j = torch.arange(cols).reshape(1, -1)
    return (((i * a + j * b) % 23).float() / 11.5 - 1)


lx, ly, lu = formula(36, 72, 31, 17), formula(72, 64, 13, 29), formula(36, 64, 7, 5)
lx.requires_grad_(True)
ly.requires_grad_(True)
lz = lx @ ly
(lz * lu).sum().backward()
large = dict(outputRowSums=lz.detach().sum(1), gradXRowSums=lx.grad.sum(1), gradYColumnSums=ly.grad.sum(0))

# Optimizers: three steps on L = sum(c * p^2) + sum(d * p), from p0.
p0, c, d = rand(2, 3), rand(2, 3, low=0.1, high=2), rand(2, 3)
optimizers = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
    "sgdMomentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    "sgdNesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
    "sgdWeightDecay": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.5, weight_decay=0.1),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
    "rmspropWeightDecay": lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, weight_decay=0.1),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.1),
    "adamWeightDecay": lambda ps: torch.optim.Adam(ps, lr=0.1, weight_decay=0.1),
    "adamW": lambda ps: torch.optim.AdamW(ps, lr=0.1),
}
steps = []
for name, make in optimizers.items():
    param = p0.clone().requires_grad_(True)
    opt = make([param])
    history = []
    for _ in range(3):
        opt.zero_grad()
        (c * param * param + d * param).sum().backward()
        opt.step()
        history.append(param.detach().clone())
    steps.append((name, history))


def floats(t):
    return "[" + ", ".join(f"{float(v):.9g}" for v in t.detach().reshape(-1).tolist()) + "]"


def tensor(t):
    return f"ReferenceTensor(shape: {list(t.shape)}, scalars: {floats(t)})"


out = ["// Generated by Scripts/generate_pytorch_reference.py with torch " + torch.__version__ + ". Do not edit.", "",
       "enum PyTorchReference {", "    static let cases: [String: ReferenceCase] = ["]
for cse in cases:
    ins = ", ".join(f'"{k}": {tensor(v)}' for k, v in cse["inputs"].items()) or ":"
    grads = ", ".join(f'"{k}": {tensor(v)}' for k, v in cse["grads"].items()) or ":"
    extra = ", ".join(f'"{k}": {tensor(v)}' for k, v in cse["extra"].items()) or ":"
    out.append(f'        "{cse["name"]}": ReferenceCase(\n            inputs: [{ins}],\n            extra: [{extra}],\n'
               f'            output: {tensor(cse["output"])},\n            upstream: {tensor(cse["upstream"])},\n'
               f'            gradients: [{grads}]),')
out.append("    ]")
out.append("")
out.append(f"    static let optimizerStart = {tensor(p0)}")
out.append(f"    static let optimizerC = {tensor(c)}")
out.append(f"    static let optimizerD = {tensor(d)}")
for k, v in large.items():
    out.append(f"    static let largeMatmul{k[0].upper() + k[1:]} = {tensor(v)}")
out.append("    static let optimizerSteps: [String: [ReferenceTensor]] = [")
for name, history in steps:
    out.append(f'        "{name}": [' + ", ".join(tensor(h) for h in history) + "],")
out.append("    ]")
out.append("}")
path = Path(__file__).resolve().parent.parent / "Tests/NeuralTests/PyTorchReference.swift"
path.write_text("\n".join(out) + "\n")
print(f"wrote {path} ({len(cases)} cases, {len(steps)} optimizers)")
