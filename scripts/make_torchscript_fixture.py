"""Makes the small TorchScript fixture used by xai4j's tests (and shows the export recipe).

Run with Debian's python3-torch:  /usr/bin/python3 scripts/make_torchscript_fixture.py
Writes xai4j-vision/src/test/resources/torchscript/{tiny_frozen.pt,tiny_unfrozen.pt,tiny_expected.txt}.
"""
import torch
import torch.nn as nn

torch.manual_seed(0)


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.fc = nn.Linear(16, 3)

    def forward(self, x):
        return self.forward_head(self.forward_features(x))

    @torch.jit.export
    def forward_features(self, x):
        return self.features(x)

    @torch.jit.export
    def forward_head(self, a):
        return self.fc(a.mean(dim=(2, 3)))

    @torch.jit.export
    def classifier_weight(self):
        return self.fc.weight

    @torch.jit.export
    def classifier_bias(self):
        return self.fc.bias


m = Tiny()
# non-trivial BatchNorm statistics, so train-mode BatchNorm would give different logits
with torch.no_grad():
    for bn in [m.features[1], m.features[4]]:
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.3, 0.3)
m.eval()
methods = ["forward_features", "forward_head", "classifier_weight", "classifier_bias"]
scripted = torch.jit.script(m)
frozen = torch.jit.freeze(scripted, preserved_attrs=methods)
out = "xai4j-vision/src/test/resources/torchscript/"
frozen.save(out + "tiny_frozen.pt")
scripted.save(out + "tiny_unfrozen.pt")
x = torch.linspace(-1, 1, 3 * 12 * 12).reshape(1, 3, 12, 12)
with torch.no_grad():
    logits = m(x)[0]
with open(out + "tiny_expected.txt", "w") as f:
    f.write(" ".join("%.7f" % v for v in logits.tolist()) + "\n")

# A 6-class variant of the same network for PartShapes (its six classes, any input size: the head is GAP + linear),
# used by `xai4j evaluate --torchscript` tests. Its own seed, so the fixtures above do not change.
torch.manual_seed(6)
m6 = Tiny()
m6.fc = nn.Linear(16, 6)
with torch.no_grad():
    for bn in [m6.features[1], m6.features[4]]:
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
m6.eval()
torch.jit.freeze(torch.jit.script(m6), preserved_attrs=methods).save(out + "tiny6_frozen.pt")

# A plain export: only forward(), traced, as most exported models are. xai4j explains it with the methods that need
# no split point (contrastive gradient, RISE) and names the missing methods for Grad-CAM / CAM.
torch.manual_seed(7)
plain = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
    nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 3))
with torch.no_grad():
    plain[1].running_mean.uniform_(-0.5, 0.5)
    plain[1].running_var.uniform_(0.5, 1.5)
plain.eval()
torch.jit.freeze(torch.jit.trace(plain, torch.zeros(1, 3, 12, 12))).save(out + "plain_traced.pt")
with torch.no_grad():
    plain_logits = plain(x)[0]
with open(out + "plain_expected.txt", "w") as f:
    f.write(" ".join("%.7f" % v for v in plain_logits.tolist()) + "\n")
