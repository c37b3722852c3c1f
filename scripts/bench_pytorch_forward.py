"""Times PyTorch's forward pass of a TorchScript export on the inputs that `xai4j bench --torchscript` uses, so that the
two can be compared side by side (docs/images.md, "Forward speed").

    /usr/bin/python3 scripts/bench_pytorch_forward.py --torchscript out/resnet18-seed0.pt --threads 2 --malloc-tuned

Inputs: by default the same random tensors as xai4j's bench (uniform in [-1, 1] from Java's SplittableRandom seeded
with the batch size, reproduced here bit for bit); with --images DIR the first images of DIR (files in name order,
cycled to fill the batch), resized to the input size by stretching and normalised with --mean / --std, as xai4j
does (PIL's bilinear resize, so pixel values may differ slightly from Java's).

Timing as xai4j's bench: two warm-up calls (TorchScript's profiling executor optimises on the second), then five rounds
sharing --seconds; images/s is the median of the rounds. The forward runs under torch.no_grad(), as DJL runs it.
--malloc-tuned re-runs this script with glibc's MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ raised (they must be set
before the process starts), as the `xai4j` launcher does (which also sets MALLOC_ARENA_MAX=1, see docs/images.md; Python
runs the model on its main thread, whose arena has no size limit, so it needs no such setting).
Needs Debian's python3-torch (apt-get install -y python3-torch python3-torchvision).
"""
import argparse
import json
import os
import sys
import time

MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "1073741824", "MALLOC_TRIM_THRESHOLD_": "4294967296"}

GOLDEN_GAMMA = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1


def split_mix_doubles(seed, n):
    """The first n values of java.util.SplittableRandom(seed).nextDouble(), vectorised (SplitMix64)."""
    import numpy as np
    with np.errstate(over="ignore"):
        k = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed & MASK) + k * np.uint64(GOLDEN_GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def random_images(batch, size):
    """xai4j bench's random inputs: SplittableRandom(batch), v = nextDouble() * 2 - 1, as float."""
    import numpy as np
    import torch
    v = (split_mix_doubles(batch, batch * 3 * size * size) * 2 - 1).astype(np.float32)
    return torch.from_numpy(v.reshape(batch, 3, size, size))


def real_images(folder, batch, size, mean, std):
    import numpy as np
    import torch
    from PIL import Image
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs
                   if f.lower().endswith((".png", ".jpg", ".jpeg", ".bmp", ".gif")) and not f.endswith(".mask.png"))
    if not files:
        sys.exit("--images %s: no images (png, jpg, bmp, gif) found" % folder)
    out = []
    for i in range(batch):
        img = Image.open(files[i % len(files)]).convert("RGB").resize((size, size), Image.BILINEAR)
        a = np.asarray(img, dtype=np.float32).transpose(2, 0, 1) / 255.0
        out.append((a - np.array(mean, np.float32)[:, None, None]) / np.array(std, np.float32)[:, None, None])
    return torch.from_numpy(np.stack(out))


def images_per_second(model, x, seconds, rounds=5):
    import torch
    with torch.no_grad():
        for _ in range(2):
            model(x)
        rates = []
        for _ in range(rounds):
            start, calls = time.perf_counter(), 0
            while calls == 0 or time.perf_counter() - start < seconds / rounds:
                model(x)
                calls += 1
            rates.append(x.shape[0] * calls / (time.perf_counter() - start))
    rates.sort()
    return rates[len(rates) // 2]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--torchscript", required=True)
    p.add_argument("--input-size", type=int, default=224)
    p.add_argument("--batch-sizes", default="1,32")
    p.add_argument("--threads", type=int, default=None, help="intra-op threads (torch.set_num_threads; default: PyTorch's)")
    p.add_argument("--interop-threads", type=int, default=None, help="inter-op threads (default: PyTorch's)")
    p.add_argument("--malloc-tuned", action="store_true", help="run with %s" % " ".join("%s=%s" % kv for kv in MALLOC_ENV.items()))
    p.add_argument("--seconds", type=float, default=20, help="measuring time per batch size (default: 20)")
    p.add_argument("--images", default=None, help="a folder of images instead of random tensors")
    p.add_argument("--mean", default="0.485,0.456,0.406")
    p.add_argument("--std", default="0.229,0.224,0.225")
    p.add_argument("--json", action="store_true", help="print one JSON line instead of the table")
    a = p.parse_args()
    if a.malloc_tuned and any(os.environ.get(k) != v for k, v in MALLOC_ENV.items()):
        env = dict(os.environ, **MALLOC_ENV)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    import torch
    if a.interop_threads is not None:
        torch.set_num_interop_threads(a.interop_threads)
    if a.threads is not None:
        torch.set_num_threads(a.threads)
    model = torch.jit.load(a.torchscript).eval()
    result = {"torch": torch.__version__, "intraOpThreads": torch.get_num_threads(), "interOpThreads": torch.get_num_interop_threads(),
              "malloc": {k: os.environ.get(k) for k in MALLOC_ENV}, "rows": []}
    for b in (int(s) for s in a.batch_sizes.split(",")):
        x = random_images(b, a.input_size) if a.images is None else real_images(
            a.images, b, a.input_size, [float(v) for v in a.mean.split(",")], [float(v) for v in a.std.split(",")])
        result["rows"].append({"batch": b, "imagesPerSecond": images_per_second(model, x, a.seconds)})
    if a.json:
        print(json.dumps(result))
        return
    print("PyTorch %s, intra-op %d, inter-op %d threads, malloc %s; %s inputs" % (
        result["torch"], result["intraOpThreads"], result["interOpThreads"],
        " ".join("%s=%s" % kv for kv in result["malloc"].items() if kv[1]) or "glibc defaults", "random" if a.images is None else a.images))
    for r in result["rows"]:
        print("forward %6d %12.1f images/s" % (r["batch"], r["imagesPerSecond"]))


if __name__ == "__main__":
    main()
