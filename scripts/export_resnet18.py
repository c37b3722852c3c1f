"""Exports torchvision's ResNet-18 (random initialisation, seed 0) as the README's TorchScript recipe: eval mode,
forward_features / forward_head / classifier_weight / classifier_bias, frozen.

This is the model of issue 21's forward-speed comparison (docs/images.md, "Forward speed"):

    /usr/bin/python3 scripts/export_resnet18.py --out out/resnet18-seed0.pt
    /usr/bin/python3 scripts/bench_pytorch_forward.py --torchscript out/resnet18-seed0.pt --threads 2 --malloc-tuned
    java -jar xai4j-cli/target/xai4j.jar bench --torchscript out/resnet18-seed0.pt --classes-file out/resnet18-seed0.classes \
        --methods gradcam

Writes the export and, beside it, a classes file with the 1,000 output names ("class 0", ...) for --classes-file.
Needs Debian's python3-torch and python3-torchvision (apt-get install -y python3-torch python3-torchvision).
"""
import argparse
import os

import torch
import torchvision


class Exportable(torch.nn.Module):
    """The README's recipe: forward = forward_head(forward_features(x)), layer4 as the feature layer."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.forward_head(self.forward_features(x))

    @torch.jit.export
    def forward_features(self, x):
        n = self.net
        x = n.maxpool(n.relu(n.bn1(n.conv1(x))))
        return n.layer4(n.layer3(n.layer2(n.layer1(x))))

    @torch.jit.export
    def forward_head(self, a):
        return self.net.fc(a.mean(dim=(2, 3)))

    @torch.jit.export
    def classifier_weight(self):
        return self.net.fc.weight

    @torch.jit.export
    def classifier_bias(self):
        return self.net.fc.bias


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True, help="the TorchScript file to write")
    p.add_argument("--seed", type=int, default=0, help="torch.manual_seed before building the network (default: 0)")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    net = torchvision.models.resnet18(weights=None)
    methods = ["forward_features", "forward_head", "classifier_weight", "classifier_bias"]
    frozen = torch.jit.freeze(torch.jit.script(Exportable(net).eval()), preserved_attrs=methods)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    frozen.save(tmp)
    os.replace(tmp, a.out)  # atomically, as every file the project writes
    classes = os.path.splitext(a.out)[0] + ".classes"
    with open(classes + ".tmp", "w", encoding="utf-8") as f:
        f.write("".join("class %d\n" % i for i in range(net.fc.out_features)))
    os.replace(classes + ".tmp", classes)
    print("wrote %s and %s (torch %s, torchvision %s)" % (a.out, classes, torch.__version__, torchvision.__version__))


if __name__ == "__main__":
    main()
