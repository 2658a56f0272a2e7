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


# Regressions: precision at huge logits, and the losses' options.
huge2 = torch.tensor([[1e4, 1e4], [1e4, 9999.0], [-1e4, 3.0]])
case("logSoftmaxHuge", lambda x: torch.log_softmax(x, 1), dict(x=huge2))
near = torch.tensor([0, 1, 0])
case("crossEntropyNearTie", lambda z: torch.nn.functional.cross_entropy(z, near), dict(z=huge2), dict(labels=near.float()))
z53, lab5 = rand(5, 3, low=-3, high=3), torch.tensor([2, 0, 1, 2, 1])
cw = rand(3, low=0.2, high=2)
F = torch.nn.functional
for reduction in ["sum", "none"]:
    R = reduction.capitalize()
    case("meanSquaredError" + R, lambda p, y, r=reduction: F.mse_loss(p, y, reduction=r), dict(p=x23, y=y23))
    case("binaryCrossEntropy" + R, lambda p, r=reduction: F.binary_cross_entropy(p, t, reduction=r), dict(p=p), dict(y=t))
    case("binaryCrossEntropyLogits" + R, lambda z, r=reduction: F.binary_cross_entropy_with_logits(z, t, reduction=r), dict(z=rand(4, 3, low=-5, high=5)), dict(y=t))
    case("crossEntropy" + R, lambda z, r=reduction: F.cross_entropy(z, lab5, reduction=r), dict(z=z53), dict(labels=lab5.float()))
for reduction in ["mean", "sum", "none"]:
    R = reduction.capitalize()
    case("crossEntropyWeights" + R, lambda z, r=reduction: F.cross_entropy(z, lab5, weight=cw, reduction=r), dict(z=z53), dict(labels=lab5.float(), weights=cw))
    case("crossEntropySmoothing" + R, lambda z, r=reduction: F.cross_entropy(z, lab5, label_smoothing=0.2, reduction=r), dict(z=z53), dict(labels=lab5.float()))
    case("crossEntropyWeightsSmoothing" + R, lambda z, r=reduction: F.cross_entropy(z, lab5, weight=cw, label_smoothing=0.3, reduction=r), dict(z=z53), dict(labels=lab5.float(), weights=cw))
case("maxAxis0", lambda x: x.max(0).values, dict(x=x23))
case("matmulVectorMatrix", lambda x, y: x @ y, dict(x=rand(4), y=rand(4, 3)))
case("matmulMatrixVector", lambda x, y: x @ y, dict(x=rand(3, 4), y=rand(4)))
case("matmulDot", lambda x, y: x @ y, dict(x=rand(4), y=rand(4)))
case("linearVector", lambda x, w, b: x @ w + b, dict(x=rand(4), w=rand(4, 3), b=rand(3)))
case("linearThreeAxes", lambda x, w, b: x @ w + b, dict(x=rand(2, 5, 4), w=rand(4, 3), b=rand(3)))

# Random networks: depth 1-4, widths 1-33, batch 1 or 17, four activations, three losses,
# inputs up to 1e4. Each stores its layers, input, target, loss and every parameter's gradient.
netgen = torch.Generator().manual_seed(2026)


def pick(options):
    return options[int(torch.randint(len(options), (1,), generator=netgen))]


activations = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
               "leakyReLU": lambda x: F.leaky_relu(x, 0.01)}
networks = []
for n in range(32):
    depth = 1 + n % 4
    widths = [int(torch.randint(1, 34, (1,), generator=netgen)) for _ in range(depth + 1)]
    batch = pick([1, 17])
    activation, loss = pick(list(activations)), pick(["meanSquaredError", "binaryCrossEntropyLogits", "crossEntropy"])
    scale = pick([1.0, 1.0, 100.0, 1e4])
    if loss == "crossEntropy":
        widths[-1] = max(widths[-1], 2)
    layers = []
    for i in range(depth):
        bound = (6 / (widths[i] + widths[i + 1])) ** 0.5
        w = ((torch.rand(widths[i], widths[i + 1], generator=netgen) * 2 - 1) * bound).requires_grad_(True)
        b = ((torch.rand(widths[i + 1], generator=netgen) * 2 - 1) * 0.1).requires_grad_(True)
        layers.append((w, b))
    x = (torch.rand(batch, widths[0], generator=netgen) * 2 - 1) * scale
    h = x
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < depth - 1:
            h = activations[activation](h)
    if loss == "meanSquaredError":
        target = torch.rand(batch, widths[-1], generator=netgen) * 2 - 1
        value = F.mse_loss(h, target)
    elif loss == "binaryCrossEntropyLogits":
        target = (torch.rand(batch, widths[-1], generator=netgen) > 0.5).float()
        value = F.binary_cross_entropy_with_logits(h, target)
    else:
        target = torch.randint(widths[-1], (batch,), generator=netgen)
        value = F.cross_entropy(h, target)
        target = target.float()
    value.backward()
    networks.append(dict(activation=activation, loss=loss, layers=layers, input=x, target=target, output=h.detach(),
                         value=value.detach()))

# Optimizers, every option, five steps on a small network (4-32-3, tanh, cross-entropy), with a
# parameter that first gets a gradient at step 2 (torch skips it and counts its steps alone);
# each also in float64, to judge how far float32 rounding takes each implementation.
ox = rand(17, 4, low=-2, high=2)
olabels = torch.randint(3, (17,), generator=gen)
ow1, ob1, ow2, ob2 = rand(4, 32, low=-0.5, high=0.5), rand(32, low=-0.1, high=0.1), rand(32, 3, low=-0.5, high=0.5), rand(3, low=-0.1, high=0.1)
olate, oc = rand(5, low=-1, high=1), rand(5, low=0.5, high=2)
setups = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
    "sgdMomentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    "sgdDampening": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.5),
    "sgdNesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
    "sgdWeightDecay": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.5, weight_decay=0.1),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
    "rmspropWeightDecay": lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, weight_decay=0.1),
    "rmspropCentered": lambda ps: torch.optim.RMSprop(ps, lr=0.01, centered=True),
    "rmspropMomentum": lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9),
    "rmspropCenteredMomentum": lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.95, momentum=0.5, centered=True, weight_decay=0.01),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01),
    "adamWeightDecay": lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1),
    "adamAmsgrad": lambda ps: torch.optim.Adam(ps, lr=0.01, amsgrad=True, betas=(0.8, 0.99)),
    "adamW": lambda ps: torch.optim.AdamW(ps, lr=0.01),
    "adamWAmsgrad": lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.05, amsgrad=True),
    # Parameter groups: the weights (w1, w2, late) decayed, the biases (b1, b2) not, or by the default.
    "adamWGroups": lambda ps: torch.optim.AdamW(
        [{"params": [ps[0], ps[2], ps[4]], "weight_decay": 0.3}, {"params": [ps[1], ps[3]], "weight_decay": 0.0}], lr=0.01),
    "adamWGroupsDefault": lambda ps: torch.optim.AdamW(
        [{"params": [ps[0], ps[2], ps[4]]}, {"params": [ps[1], ps[3]], "weight_decay": 0.0}], lr=0.01, weight_decay=0.2),
    "sgdGroups": lambda ps: torch.optim.SGD(
        [{"params": [ps[0], ps[2], ps[4]], "weight_decay": 0.1}, {"params": [ps[1], ps[3]]}], lr=0.1, momentum=0.9),
    "rmspropGroups": lambda ps: torch.optim.RMSprop(
        [{"params": [ps[0], ps[2], ps[4]]}, {"params": [ps[1], ps[3]], "weight_decay": 0.0}], lr=0.01, weight_decay=0.1),
    "adamGroups": lambda ps: torch.optim.Adam(
        [{"params": [ps[0], ps[2], ps[4]], "weight_decay": 0.1}, {"params": [ps[1], ps[3]]}], lr=0.01),
}
trajectories = []
for name, make in setups.items():
    runs = {}
    for dtype in [torch.float32, torch.float64]:
        params = [t.clone().to(dtype).requires_grad_(True) for t in (ow1, ob1, ow2, ob2, olate)]
        opt = make(params)
        history = []
        for step in range(5):
            opt.zero_grad()
            w1, b1, w2, b2, late = params
            loss = F.cross_entropy(torch.tanh(ox.to(dtype) @ w1 + b1) @ w2 + b2, olabels)
            if step >= 2:
                loss = loss + (oc.to(dtype) * late * late).sum()
            loss.backward()
            opt.step()
            history.append([p.detach().clone() for p in params])
        runs[dtype] = history
    trajectories.append((name, runs[torch.float32], runs[torch.float64]))


def floats(t):
    return "[" + ", ".join(f"{float(v):.9g}" for v in t.detach().reshape(-1).tolist()) + "]"


def tensor(t):
    # The scalars as one string literal, parsed when the tests run: a megabyte of array
    # literals would take the type checker minutes.
    text = " ".join(f"{float(v):.9g}" for v in t.detach().reshape(-1).tolist())
    return f'ReferenceTensor({list(t.shape)}, "{text}")'


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
out.append("    static let networks: [ReferenceNetwork] = [")
for net in networks:
    layers = ", ".join(f"({tensor(w)}, {tensor(b)})" for w, b in net["layers"])
    grads = ", ".join(f"({tensor(w.grad)}, {tensor(b.grad)})" for w, b in net["layers"])
    out.append(f'        ReferenceNetwork(\n            activation: "{net["activation"]}", loss: "{net["loss"]}",\n'
               f'            layers: [{layers}],\n            input: {tensor(net["input"])}, target: {tensor(net["target"])},\n'
               f'            output: {tensor(net["output"])}, loss: {float(net["value"]):.9g},\n            gradients: [{grads}]),')
out.append("    ]")
out.append(f"    static let optimizerInput = {tensor(ox)}")
out.append(f"    static let optimizerLabels = {tensor(olabels.float())}")
out.append(f"    static let optimizerStartParameters = [{', '.join(tensor(t) for t in (ow1, ob1, ow2, ob2, olate))}]")
out.append(f"    static let optimizerLateC = {tensor(oc)}")
out.append("    /// Each set-up's parameters after each of five steps, as torch computes them in float32 and in float64.")
out.append("    static let trajectories: [String: (float32: [[ReferenceTensor]], float64: [[String]])] = [")
for name, h32, h64 in trajectories:
    f32 = ", ".join("[" + ", ".join(tensor(p) for p in step) + "]" for step in h32)
    f64 = ", ".join("[" + ", ".join('"' + " ".join(f"{v:.17g}" for v in p.reshape(-1).tolist()) + '"' for p in step) + "]" for step in h64)
    out.append(f'        "{name}": (float32: [{f32}],\n            float64: [{f64}]),')
out.append("    ]")
out.append("}")
path = Path(__file__).resolve().parent.parent / "Tests/NeuralTests/PyTorchReference.swift"
path.write_text("\n".join(out) + "\n")
print(f"wrote {path} ({len(cases)} cases, {len(steps)} optimizers, {len(networks)} networks, {len(trajectories)} trajectories)")
