"""Exports torchvision's ConvNeXt-T as a PIP-Net backbone for xai4j (docs/methods/pipnet.md#backbones).

The exported TorchScript module has the xai4j backbone contract, forward_features(x) -> [B, C, H, W]:
torchvision's `features` (stem and four stages) without the final norm, pooling or classifier, with the
paper's stride changes applied to the 2x2 downsampling convs:

  convnext_tiny_26  both downsampling convs before the last two stages (in_channels > 100) get stride 1:
                    224 px -> 768 x 26 x 26 (PIP-Net "C")
  convnext_tiny_13  only the last one: 224 px -> 768 x 13 x 13

Parameter names are torchvision's (`features.0.0.weight`, ..., `features.7.2.layer_scale`), so the spec's
parameter groups (docs/methods/pipnet.md#parameter-groups-and-schedules) are given to `xai4j pipnet train` as prefixes:

  --early-prefixes features.0.,features.1.,features.2.,features.3.,features.4.,features.5.
  --mid-prefixes   features.6.,features.7.0.,features.7.1.
  --last-prefixes  features.7.2.

Run with Debian's python3-torch / python3-torchvision (no network needed):

  /usr/bin/python3 scripts/export_convnext_backbone.py --variant 26 --out out/convnext/convnext_tiny_26.pt \
      [--weights convnext_tiny-983f1562.pth]

Without --weights the network keeps torchvision's random initialisation (the ImageNet weights cannot be
downloaded on an offline machine; fetch torchvision's `convnext_tiny-983f1562.pth` elsewhere and pass it).

--tiny builds the same architecture with ConvNeXt-T's depths shrunk to (1, 1, 1, 3) and widths to
(8, 16, 32, 64): the stride-changed topology and parameter names of ConvNeXt-T at a test fixture's size.
It writes xai4j-vision/src/test/resources/torchscript/convnext_micro_26.pt and convnext_micro_expected.txt
(used by PipNetConvNextBackboneTest).
"""
import argparse
import os

import torch
import torch.nn as nn
from torchvision.models import convnext_tiny
from torchvision.models.convnext import CNBlockConfig, ConvNeXt


class Backbone(nn.Module):
    def __init__(self, features: nn.Sequential):
        super().__init__()
        self.features = features

    def forward(self, x):
        return self.features(x)

    @torch.jit.export
    def forward_features(self, x):
        return self.features(x)


def stride_changed(features: nn.Sequential, variant: int) -> nn.Sequential:
    # features: 0 stem, 1 stage1, 2 down, 3 stage2, 4 down, 5 stage3, 6 down, 7 stage4;
    # each downsampling block is Sequential(LayerNorm2d, Conv2d(k=2, s=2)).
    downs = [4, 6] if variant == 26 else [6]
    for i in downs:
        conv = features[i][1]
        assert isinstance(conv, nn.Conv2d) and conv.kernel_size == (2, 2), conv
        conv.stride = (1, 1)
    return features


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", type=int, choices=[26, 13], default=26)
    ap.add_argument("--weights", help="torchvision ConvNeXt-T state dict (.pth); default: random initialisation")
    ap.add_argument("--out", default="out/convnext/convnext_tiny_26.pt")
    ap.add_argument("--tiny", action="store_true", help="write the micro test fixture instead")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.manual_seed(args.seed)

    if args.tiny:
        settings = [CNBlockConfig(8, 16, 1), CNBlockConfig(16, 32, 1), CNBlockConfig(32, 64, 1), CNBlockConfig(64, None, 3)]
        net = ConvNeXt(settings, stochastic_depth_prob=0.0)
        out = "xai4j-vision/src/test/resources/torchscript/convnext_micro_26.pt"
    else:
        net = convnext_tiny()
        if args.weights:
            net.load_state_dict(torch.load(args.weights, map_location="cpu"))
        out = args.out
    m = Backbone(stride_changed(net.features, 26 if args.tiny else args.variant)).eval()
    scripted = torch.jit.script(m)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    tmp = out + ".tmp"
    scripted.save(tmp)
    os.replace(tmp, out)

    side = 224
    x = torch.linspace(-1, 1, 3 * side * side).reshape(1, 3, side, side)
    with torch.no_grad():
        f = m.forward_features(x)
    print("%s: forward_features(1x3x%dx%d) -> %s, %d parameters" % (out, side, side, list(f.shape),
                                                                    sum(p.numel() for p in m.parameters())))
    if args.tiny:
        # reference values for the Java test: shape, then f[0, c, 0, 0] for every channel, then f[0, 0, h, w] on the diagonal
        vals = [float(v) for v in f[0, :, 0, 0]] + [float(f[0, 0, i, i]) for i in range(f.shape[2])]
        with open("xai4j-vision/src/test/resources/torchscript/convnext_micro_expected.txt", "w") as fh:
            fh.write(" ".join(str(d) for d in f.shape) + "\n")
            fh.write(" ".join("%.7g" % v for v in vals) + "\n")


if __name__ == "__main__":
    main()
