"""Trains a torchvision ResNet-18 on a PartShapes export and saves it as TorchScript for `xai4j evaluate --torchscript`.

The workflow of docs/images.md ("An exported PyTorch model"): xai4j writes the benchmark, PyTorch trains on it, xai4j
scores the explanations of the exported model against the part masks.

    ./xai4j export --out out/partshapes
    /usr/bin/python3 scripts/train_torchvision_partshapes.py --data out/partshapes --epochs 5 --out out/resnet18-partshapes.pt
    ./xai4j evaluate --torchscript out/resnet18-partshapes.pt --input-size 64 --dataset folder --data-dir out/partshapes

Runs with Debian's python3-torch / python3-torchvision (CPU). The stem's max-pool is removed, as is usual for small
images, so the last stage (Grad-CAM's layer) is 4x4 at 64 px; normalisation is ImageNet's, xai4j's default.
"""
import argparse
import time

import torch
import torchvision
from torchvision import transforms

p = argparse.ArgumentParser()
p.add_argument("--data", required=True, help="a folder written by `xai4j export` (train/ and test/ with one folder per class)")
p.add_argument("--epochs", type=int, default=5)
p.add_argument("--seed", type=int, default=0)
p.add_argument("--out", required=True)
a = p.parse_args()
torch.manual_seed(a.seed)

norm = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
images_only = lambda path: path.endswith(".png") and not path.endswith(".mask.png")  # the export keeps part masks beside the images
train = torchvision.datasets.ImageFolder(a.data + "/train", transforms.Compose([transforms.ToTensor(), norm]), is_valid_file=images_only)
test = torchvision.datasets.ImageFolder(a.data + "/test", transforms.Compose([transforms.ToTensor(), norm]), is_valid_file=images_only)
net = torchvision.models.resnet18(weights=None, num_classes=len(train.classes))
net.maxpool = torch.nn.Identity()
opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-4)
loader = torch.utils.data.DataLoader(train, batch_size=64, shuffle=True)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=a.epochs * len(loader))
for epoch in range(a.epochs):
    net.train()
    start, total, correct = time.time(), 0, 0
    for x, y in loader:
        opt.zero_grad()
        out = net(x)
        loss = torch.nn.functional.cross_entropy(out, y)
        loss.backward()
        opt.step()
        sched.step()
        total += len(y)
        correct += (out.argmax(1) == y).sum().item()
    print("epoch %d: train accuracy %.4f, %.0f s" % (epoch + 1, correct / total, time.time() - start), flush=True)
net.eval()
with torch.no_grad():
    hits = sum((net(x).argmax(1) == y).sum().item() for x, y in torch.utils.data.DataLoader(test, batch_size=200))
print("%d training images, test accuracy %.4f (%d images)" % (len(train), hits / len(test), len(test)))


class Exportable(torch.nn.Module):
    """The README's recipe: forward = forward_head(forward_features(x)), the last stage as the feature layer."""

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


methods = ["forward_features", "forward_head", "classifier_weight", "classifier_bias"]
torch.jit.freeze(torch.jit.script(Exportable(net).eval()), preserved_attrs=methods).save(a.out)
print("wrote", a.out, "classes", ",".join(train.classes))
