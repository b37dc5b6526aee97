"""PyTorch peer of Lamina's IMDB benchmark: trains the same model, from the same initial weights, on the same batches
in the same order, and reports the seconds of each epoch and the test accuracy.

benchmarks/run starts it once per run (PyTorchPeer.java) and talks to it over stdin/stdout, one line each way:

    -> ready 1.13.1                       on start; "missing <error>" (and exit) when torch or numpy cannot be imported
    <- data DIR                           load the data Java wrote to DIR (below)
    -> {"train_rows": 25000, "test_rows": 25000}
    <- train CELL_FILE VARIANT UNITS BATCH EPOCHS OPTIMIZER
    -> {"epoch_seconds": [0.41, 0.37], "accuracy": 0.8851}
    <- quit

Any failure is answered with {"error": "..."}. VARIANT is how the 10,000-word multi-hot input reaches the first layer:
"dense" (a dense float32 matrix, rows gathered per step with x[rows]), "sparse_mm" (torch.sparse.mm on a COO
tensor built per step) or "embedding_bag" (nn.EmbeddingBag(mode="sum"), i.e. the sum of the kernel rows of each
review's words, plus a bias). OPTIMIZER is "rmsprop" or "adam".

Files are little-endian. DIR holds {train,test}_offsets.i32 (compressed-row offsets, rows + 1 of them),
{train,test}_columns.i32 (the word column of each non-zero) and {train,test}_labels.f32 (0 or 1 per row).
CELL_FILE holds the float32 weights in Lamina's getWeights() order, kernels as [inputs, units] row-major:
W1 [10000, h], b1 [h], W2 [h, h], b2 [h], W3 [h, 1], b3 [1]; then int32 row orders [EPOCHS, train rows].

Run it with OPENBLAS_NUM_THREADS=1 (and Debian's pthread OpenBLAS on LD_LIBRARY_PATH); it sets
torch.set_num_threads(1) itself: one thread was PyTorch's fastest setting on the 2-core benchmark machine.
"""
import json
import sys
import time

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as error:
    print("missing", error, flush=True)
    sys.exit(0)

WORDS = 10_000
EVALUATION_ROWS = 1_000  # test rows per forward pass when measuring accuracy (keeps the dense chunks small)

torch.set_num_threads(1)


class Reviews:
    """Multi-hot rows in compressed-row form, with their labels [n, 1]."""

    def __init__(self, directory, part):
        def read(name, dtype):
            return torch.from_numpy(np.fromfile(f"{directory}/{part}_{name}", dtype=dtype))

        self.offsets = read("offsets.i32", "<i4").long()
        self.columns = read("columns.i32", "<i4").long()
        self.labels = read("labels.f32", "<f4").reshape(-1, 1)
        self.rows = len(self.offsets) - 1
        self._dense = None

    def select(self, rows):
        """The word columns of the given rows, concatenated, and where each row starts in them (b + 1 offsets)."""
        starts = self.offsets[rows]
        lengths = self.offsets[rows + 1] - starts
        offsets = torch.zeros(len(rows) + 1, dtype=torch.long)
        torch.cumsum(lengths, 0, out=offsets[1:])
        # the batch's k-th non-zero, in row r, is the full matrix's non-zero starts[r] + k - offsets[r]
        shift = torch.repeat_interleave(starts - offsets[:-1], lengths)
        return self.columns[torch.arange(int(offsets[-1])) + shift], offsets

    def dense(self):
        """The whole matrix as dense float32 [rows, 10000], built once (1 GB for 25,000 rows)."""
        if self._dense is None:
            self._dense = densify(self.columns, self.offsets)
        return self._dense


def densify(columns, offsets):
    rows = len(offsets) - 1
    x = torch.zeros(rows, WORDS)
    x[torch.repeat_interleave(torch.arange(rows), offsets.diff()), columns] = 1.0
    return x


class SparseMmLinear(nn.Module):
    """x @ kernel + bias for a sparse COO batch x [b, 10000]; kernel [10000, h] as in Lamina."""

    def __init__(self, kernel, bias):
        super().__init__()
        self.kernel = nn.Parameter(kernel)
        self.bias = nn.Parameter(bias)

    def forward(self, x):
        return torch.sparse.mm(x, self.kernel) + self.bias


class EmbeddingBagLinear(nn.Module):
    """The sum of the kernel rows of each review's words, plus a bias: x @ kernel + bias for multi-hot x."""

    def __init__(self, kernel, bias):
        super().__init__()
        self.bag = nn.EmbeddingBag.from_pretrained(kernel, freeze=False, mode="sum")
        self.bias = nn.Parameter(bias)

    def forward(self, batch):
        columns, starts = batch
        return self.bag(columns, starts) + self.bias


def dense_linear(kernel, bias):
    """nn.Linear holding Lamina's kernel [inputs, units] as its own contiguous [units, inputs] weight."""
    layer = nn.Linear(kernel.shape[0], kernel.shape[1])
    with torch.no_grad():
        layer.weight.copy_(kernel.T)
        layer.bias.copy_(bias)
    return layer


def model(variant, weights):
    """Dense(h, relu) -> Dense(h, relu) -> Dense(1), returning logits (the loss applies the sigmoid)."""
    w1, b1, w2, b2, w3, b3 = weights
    first = {"dense": dense_linear, "sparse_mm": SparseMmLinear, "embedding_bag": EmbeddingBagLinear}[variant](w1, b1)
    return nn.Sequential(first, nn.ReLU(), dense_linear(w2, b2), nn.ReLU(), dense_linear(w3, b3))


def batch_input(variant, reviews, rows):
    """The first layer's input for the given rows; building it is part of the timed step, as in Lamina."""
    if variant == "dense":
        return reviews.dense()[rows]
    columns, offsets = reviews.select(rows)
    if variant == "embedding_bag":
        return columns, offsets[:-1]
    row_ids = torch.repeat_interleave(torch.arange(len(rows)), offsets.diff())
    return torch.sparse_coo_tensor(torch.stack((row_ids, columns)), torch.ones(len(columns)), (len(rows), WORDS))


def optimizer(name, parameters):
    """Keras's defaults. PyTorch adds epsilon after the square root (Keras's RMSprop adds it inside) and to the
    bias-corrected sqrt(v) (Keras's Adam to the uncorrected one): the stock optimizers a PyTorch user would pick, with
    slightly different steps for tiny gradients, and the same cost."""
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=1e-3, alpha=0.9, eps=1e-7)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    raise ValueError(f"unknown optimizer {name!r}; expected rmsprop or adam")


def read_cell(path, units, epochs, rows):
    """The initial weights (as tensors) and the row order of each epoch."""
    shapes = [(WORDS, units), (units,), (units, units), (units,), (units, 1), (1,)]
    floats = sum(int(np.prod(shape)) for shape in shapes)
    with open(path, "rb") as file:
        flat = np.fromfile(file, dtype="<f4", count=floats)
        orders = np.fromfile(file, dtype="<i4", count=epochs * rows)
    if len(flat) != floats or len(orders) != epochs * rows:
        raise ValueError(f"{path}: expected {floats} weights and {epochs} x {rows} row indices")
    weights, at = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        weights.append(torch.from_numpy(flat[at:at + size].reshape(shape).copy()))
        at += size
    return weights, torch.from_numpy(orders.astype(np.int64)).reshape(epochs, rows)


def train(data, cell_file, variant, units, batch, epochs, optimizer_name):
    train_set, test_set = data
    weights, orders = read_cell(cell_file, units, epochs, train_set.rows)
    net = model(variant, weights)
    step = optimizer(optimizer_name, net.parameters())
    loss_function = nn.BCEWithLogitsLoss()
    if variant == "dense":
        train_set.dense()  # built once, outside the timing
    seconds = []
    for epoch in range(epochs):
        start = time.perf_counter()
        for begin in range(0, train_set.rows, batch):
            rows = orders[epoch, begin:begin + batch]
            loss = loss_function(net(batch_input(variant, train_set, rows)), train_set.labels[rows])
            step.zero_grad(set_to_none=True)
            loss.backward()
            step.step()
        seconds.append(time.perf_counter() - start)
    return {"epoch_seconds": seconds, "accuracy": accuracy(net, variant, test_set)}


def accuracy(net, variant, reviews):
    """The fraction of rows whose predicted probability is on the label's side of 0.5 (logit > 0)."""
    correct = 0
    with torch.no_grad():
        for begin in range(0, reviews.rows, EVALUATION_ROWS):
            rows = torch.arange(begin, min(reviews.rows, begin + EVALUATION_ROWS))
            if variant == "dense":
                x = densify(*reviews.select(rows))
            else:
                x = batch_input(variant, reviews, rows)
            predicted = (net(x) > 0).float()
            correct += int((predicted == reviews.labels[rows]).sum())
    return correct / reviews.rows


def main():
    print("ready", torch.__version__, flush=True)
    data = None
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        try:
            if words[0] == "data":
                data = (Reviews(words[1], "train"), Reviews(words[1], "test"))
                reply = {"train_rows": data[0].rows, "test_rows": data[1].rows}
            elif words[0] == "train" and data is not None:
                cell_file, variant, units, batch, epochs, optimizer_name = words[1:]
                reply = train(data, cell_file, variant, int(units), int(batch), int(epochs), optimizer_name)
            else:
                reply = {"error": f"unexpected command {line.strip()!r} (send 'data DIR' before 'train ...')"}
        except Exception as error:  # reported to Java, which prints it and stops the run
            reply = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
