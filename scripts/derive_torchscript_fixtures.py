#!/usr/bin/env python3
"""Derives three TorchScript test fixtures from plain_traced.pt and tiny6_frozen.pt (scripts/make_torchscript_fixture.py)
without PyTorch.

Only the TorchScript code in the archive changes; the weights stay. Needs Python's standard library only:

    /usr/bin/python3 scripts/derive_torchscript_fixtures.py

fixed12_traced.pt: plain_traced.pt pools globally, so it runs on any input size. Many exports flatten a fixed
    feature grid instead and run on one size only; this one replaces the adaptive pooling by a reshape to the 6 x 6
    grid a 12 x 12 input gives (and the mean over it, which is the same pooling), so 12 px inputs give
    plain_traced.pt's logits and a 64 px input fails inside TorchScript (shape '[-1, 16, 36]' is invalid ...).
warning_traced.pt: plain_traced.pt that calls warnings.warn in forward (TorchScript's aten::warn), so the native
    library prints a c10 warning on standard error on every call, as PyTorch's NNPACK notice does on CPUs it does
    not support; the CLI test checks that such warnings stay off the terminal unless --verbose is given.
tiny6_norelu.pt: tiny6_frozen.pt without its last ReLU (in forward and forward_features), so its features can be
    negative; `xai4j ppn fit` must refuse it, naming the layer.
"""
import pathlib
import zipfile

RES = pathlib.Path(__file__).resolve().parent.parent / "xai4j-vision/src/test/resources/torchscript"
POOL = "input4 = torch.adaptive_avg_pool2d(input3, [1, 1])\n    input5 = torch.flatten(input4, 1)"
FIRST = "    input0 = torch._convolution"


def derive(name, old, new, base="plain_traced"):
    """Replaces each of old (a string or a list) by the matching new, each found exactly once in the code."""
    pairs = list(zip(old, new)) if isinstance(old, list) else [(old, new)]
    src, dst = RES / (base + ".pt"), RES / (name + ".pt")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            entry = item.filename.replace(base + "/", name + "/", 1)
            if entry.endswith(".debug_pkl"):
                continue  # source ranges of the old code; optional
            data = zin.read(item)
            if entry.endswith(".py") and "/code/" in entry:
                text = data.decode()
                for o, n in pairs:
                    if text.count(o) != 1:
                        raise SystemExit("unexpected code in " + item.filename)
                    text = text.replace(o, n)
                data = text.encode()
            zout.writestr(zipfile.ZipInfo(entry, item.date_time), data)
    print("wrote", dst)


derive("fixed12_traced", POOL, "input4 = torch.reshape(input3, [-1, 16, 36])\n    input5 = torch.mean(input4, [2])")
derive("warning_traced", FIRST, "    torch.warn(\"xai4j test warning from the native library\", 2)\n" + FIRST)
derive("tiny6_norelu", ["input2 = torch.relu(input1)", "return torch.relu(input4)"], ["input2 = input1", "return input4"],
       base="tiny6_frozen")
