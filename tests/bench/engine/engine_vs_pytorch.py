#!/usr/bin/env python3
"""Training throughput of the engine against PyTorch on the same core, in one run.

Runs bench_engine (fp32 rows, one and two threads) and the same two models in PyTorch (Debian's
python3-torch) at one and two threads, and prints samples/s and the ratio engine / PyTorch, both
at equal thread counts and best against best. The models match bench_engine.cpp:

  MLP           64 -> 256 -> 256 -> 1, ReLU, BCE with logits, Adam lr 1e-3, batch 256
  transformer   one pre-norm block (d 64, 8 heads, 64 particles, FF 256, exact GELU, LayerNorm
                eps 1e-5), mean over particles, linear 64 -> 1, BCE with logits, Adam, batch 256

Usage: tests/bench/engine/engine_vs_pytorch.py [--build build/release] [--seconds 3]
Where PyTorch is missing the engine's numbers are printed alone, with a message saying so.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

BATCH = 256
PARTICLES = 64


def import_torch():
    """PyTorch from Debian lives in /usr/lib/python3/dist-packages; another python3 first on PATH
    (pyenv, a venv) does not see it, so fall back to re-running under /usr/bin/python3."""
    try:
        import torch  # noqa: F401
        return torch
    except ImportError:
        system_python = "/usr/bin/python3"
        if os.path.exists(system_python) and os.path.realpath(sys.executable) != os.path.realpath(system_python) \
                and not os.environ.get("BITHEP_BENCH_REEXEC"):
            os.environ["BITHEP_BENCH_REEXEC"] = "1"
            os.execv(system_python, [system_python] + sys.argv)
        return None


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def loaded_blas():
    """The BLAS library this process mapped (PyTorch on Debian takes libblas.so.3 from the
    alternatives system: the reference BLAS unless OpenBLAS or BLIS is installed)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() or "blis" in line.lower()}
    except OSError:
        return "unknown"
    return ", ".join(sorted(os.path.realpath(p).split("/x86_64-linux-gnu/")[-1] for p in libs)) or "none"


def engine_rates(build, seconds):
    exe = os.path.join(build, "tests", "bench", "engine", "bench_engine")
    if not os.path.exists(exe):
        sys.exit(f"error: {exe} not found; build it first (cmake --build --preset release --target bench_engine)")
    out = subprocess.run([exe, "--benchmark_filter=ternary:0", f"--benchmark_min_time={seconds}",
                          "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    rates = {}
    for b in json.loads(out)["benchmarks"]:
        model = "MLP" if b["name"].startswith("BM_MlpTrain") else "transformer"
        threads = int(b["name"].split("threads:")[1].split("/")[0])
        rates[(model, threads)] = b["samples/s"]
    return rates


def torch_models(torch):
    nn = torch.nn

    class Block(nn.Module):
        def __init__(self, dim=64, heads=8, hidden=256):
            super().__init__()
            self.heads = heads
            self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-5), nn.LayerNorm(dim, eps=1e-5)
            self.q, self.k, self.v, self.o = (nn.Linear(dim, dim) for _ in range(4))
            self.ff = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))
            self.head = nn.Linear(dim, 1)

        def forward(self, x):  # x: batch x particles x dim
            b, n, d = x.shape
            dh = d // self.heads
            h = self.norm1(x)

            def split(t):
                return t.view(b, n, self.heads, dh).transpose(1, 2)

            q, k, v = split(self.q(h) * dh ** -0.5), split(self.k(h)), split(self.v(h))
            p = torch.softmax(q @ k.transpose(-1, -2), dim=-1)
            a = (p @ v).transpose(1, 2).reshape(b, n, d)
            x = x + self.o(a)
            x = x + self.ff(self.norm2(x))
            return self.head(x.mean(dim=1))

    mlp = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 1))
    return {"MLP": (mlp, torch.randn(BATCH, 64)),
            "transformer": (Block(), torch.randn(BATCH, PARTICLES, 64))}


def torch_rate(torch, model, x, threads, seconds):
    torch.set_num_threads(threads)
    y = torch.randint(0, 2, (BATCH, 1)).float()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        steps += 1
    return steps * BATCH / (time.perf_counter() - start)


def torch_worker_rates(intra, blas, seconds):
    """One child process per setting: PyTorch's intra-op threads and OpenBLAS's own pool (sized
    when the library loads, so it must be in the environment before PyTorch is imported)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas))
    out = subprocess.run([sys.executable, __file__, "--torch-worker", str(intra), "--seconds", str(seconds)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_torch_worker(threads, seconds):
    torch = import_torch()
    torch.manual_seed(1)
    rates = {name: torch_rate(torch, model, x, threads, seconds) for name, (model, x) in torch_models(torch).items()}
    print(json.dumps(rates))
    return 0


def torch_best_rates(seconds):
    """PyTorch at its best for one and for two threads: one thread is intra-op 1 with OpenBLAS 1;
    two threads is the best of (intra-op, OpenBLAS) in (1, 2), (2, 1), (2, 2) -- on a small machine
    letting only OpenBLAS use the second core is often fastest."""
    settings = {1: [(1, 1)], 2: [(1, 2), (2, 1), (2, 2)]}
    best = {}
    for threads, pairs in settings.items():
        for intra, blas in pairs:
            for name, rate in torch_worker_rates(intra, blas, seconds).items():
                if rate > best.get((name, threads), (0, None))[0]:
                    best[(name, threads)] = (rate, f"intra-op {intra}, OpenBLAS {blas}")
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build/release", help="CMake build folder holding bench_engine")
    ap.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    ap.add_argument("--torch-worker", type=int, metavar="THREADS", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.torch_worker:
        return run_torch_worker(args.torch_worker, args.seconds)
    torch = import_torch()
    print(f"CPU: {cpu_name()}, {os.cpu_count()} hardware threads; 1-minute load {os.getloadavg()[0]:.2f}")
    engine = engine_rates(args.build, args.seconds)
    peer, peer_setting = {}, {}
    if torch is None:
        print("PyTorch not found (Debian: apt-get install python3-torch); engine numbers only.")
    else:
        torch.ones(8, 8) @ torch.ones(8, 8)  # maps the BLAS library
        blas = loaded_blas()
        print(f"PyTorch {torch.__version__} with BLAS {blas}")
        if "openblas" not in blas and "blis" not in blas:
            print("  note: reference BLAS is several times slower; PyTorch at its best needs "
                  "libopenblas0-pthread (Debian)")
        peer_setting = torch_best_rates(args.seconds)
        peer = {key: rate for key, (rate, _) in peer_setting.items()}
    print(f"\n{'model':<12} {'threads':>7} {'engine':>10} {'PyTorch':>10} {'ratio':>7}   (samples/s; PyTorch setting)")
    for name in ("MLP", "transformer"):
        for threads in (1, 2):
            e, p = engine.get((name, threads)), peer.get((name, threads))
            ratio = f"{e / p:7.2f}" if e and p else "      -"
            setting = peer_setting[(name, threads)][1] if p else ""
            print(f"{name:<12} {threads:>7} {e:>10.0f} {p if p else float('nan'):>10.0f} {ratio}   {setting}")
        if peer:
            best_e = max(engine[(name, t)] for t in (1, 2))
            best_p = max(peer[(name, t)] for t in (1, 2))
            print(f"{name:<12} {'best':>7} {best_e:>10.0f} {best_p:>10.0f} {best_e / best_p:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
