#!/usr/bin/env python3
"""Tables of the issue-18 PIP-Net protocol runs: black boxes and PIP-Nets (pretrained start, from scratch), mean ± std."""
import json, os, sys
import protocol_tables
os.chdir(sys.argv[1] if len(sys.argv) > 1 else '.')
def ms(v, d=3): return protocol_tables.ms(v, digits=d, empty='–')
def per(v, d=3): return ', '.join('–' if x is None else f'{x:.{d}f}' for x in v)
seeds = [0, 1, 2]
bb = {s: json.load(open(f'bb-s{s}/baseline.json')) for s in seeds if os.path.exists(f'bb-s{s}/baseline.json')}
acc = [bb[s]['testAccuracy'] for s in bb]
kp = [bb[s]['channelPurityControl']['mean'] for s in bb]
cc = [bb[s]['cellCentreChannelPurityControl']['mean'] for s in bb]
print(f'| black box (smallcnn + GAP + linear, 15 epochs) | {ms(acc,4)} ({per(acc,4)}) | random-channel control: keypoint {ms(kp)} ({per(kp)}), cell centre {ms(cc)} ({per(cc)}) | minutes {per([bb[s]["minutes"] for s in bb],1)} |')
for start in ['pre', 'scratch']:
    rows = {}
    for s in seeds:
        f = f'{start}-s{s}/eval/metrics.json'
        if os.path.exists(f): rows[s] = json.load(open(f))
    if not rows: continue
    g = lambda fn: [fn(rows[s]) for s in rows]
    top1 = g(lambda d: d['test']['accuracy'])
    gap = [bb[s]['testAccuracy'] - rows[s]['test']['accuracy'] for s in rows if s in bb]
    print(f'\n### {start} (seeds {list(rows)})')
    print(f'top-1 {ms(top1,4)} ({per(top1,4)}); black box − PIP-Net {ms([100*x for x in gap],1)} points ({per([100*x for x in gap],1)})')
    print(f'sparsity % {ms(g(lambda d: d["sparsityPercent"]),2)} ({per(g(lambda d: d["sparsityPercent"]),2)})')
    print(f'global size {per(g(lambda d: d["test"]["globalSize"]),0)}; local size predicted {ms(g(lambda d: d["test"]["localSizePredicted"]),2)} ({per(g(lambda d: d["test"]["localSizePredicted"]),2)}); all classes {ms(g(lambda d: d["test"]["localSizeAll"]),2)}')
    for k in ['purityTest', 'purityTrain', 'cellCentrePurityTest', 'cellCentrePurityTrain']:
        print(f'{k} {ms(g(lambda d: d[k]["mean"]))} ({per(g(lambda d: d[k]["mean"]))}); part-related {per(g(lambda d: d[k]["partRelated"]),3)}')
    for i, name in enumerate(['fashion_mnist', 'noise']):
        v = g(lambda d: next(x['fpr95'] for x in d['farOod'] if x['key'] == name))
        ab = g(lambda d: next(x['metrics']['abstained'] / x['metrics']['images'] for x in d['farOod'] if x['key'] == name))
        print(f'far OOD {name} FPR95 {ms(v)} ({per(v)}); abstained share {per(ab)}')
    print(f'near OOD FPR95 {ms(g(lambda d: d["fpr95"]))} ({per(g(lambda d: d["fpr95"]))})')
    for s in rows:
        dg = rows[s]['oodDiagnostic']
        print(f'  seed {s} diagnostic: accepted {dg["accepted"]}, hue {dg["hueInImage"]}, shape {dg["shapeInImage"]}, part type {dg["partTypeInImage"]}, carrier without part type {dg["carrierWithoutPartType"]}')
