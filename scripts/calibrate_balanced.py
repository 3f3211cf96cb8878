#!/usr/bin/env python3
"""Re-fits a bundle's confidence calibration with every corpus weighted equally.

The trainer fits the temperature T and the "uncertain" threshold on its validation speakers with
every clip weighted alike (core/train/Calibration.cpp). When those speakers come from corpora of
very different sizes and difficulty (the shipped model: 795 nEMO clips at 29 % UA, 120 RAVDESS
clips at 58 %), one corpus sets T for everybody. This script predicts the bundle's validation
speakers (model.json training_data.validation_speakers) with `emoscope-cli predict --json` and
T = 1, then fits, with each clip weighted 1 / (validation clips of its corpus):
  - T in [0.05, 20] minimising the weighted mean negative log-likelihood (golden-section search
    over 1/T, as the trainer does), and
  - the threshold by the trainer's rule (docs/ARCHITECTURE.md, "Confidence"): the largest t such
    that the clips below t, taken together (at least max(5, 5 %) of the weight), are right less
    than half the time,
and writes them into model.json (`calibration`, and the fit under
`metrics.training.calibration_balanced`), atomically.

Usage: scripts/calibrate_balanced.py CLI BUNDLE DATA_FOLDER... (the corpora the model was trained on)
"""
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

NEMO = {"anger": "angry", "fear": "fearful", "happiness": "happy", "neutral": "neutral",
        "sadness": "sad", "surprised": "surprised"}
RAVDESS = {1: "neutral", 2: "calm", 3: "happy", 4: "sad", 5: "angry", 6: "fearful", 7: "disgust", 8: "surprised"}


def clip_of(path):
    """(corpus, speaker, label) from a file name of RAVDESS or nEMO, or None."""
    stem = pathlib.Path(path).stem
    m = re.fullmatch(r"03-01-(\d\d)-\d\d-\d\d-\d\d-(\d\d)", stem)
    if m:
        return "ravdess", "ravdess:" + m.group(2), RAVDESS[int(m.group(1))]
    m = re.fullmatch(r"([A-Z]{2}\d)_([a-z]+)_\d+", stem)
    if m and m.group(2) in NEMO:
        return "nemo", "nemo:" + m.group(1), NEMO[m.group(2)]
    return None


def nll(items, inv_t):
    total = 0.0
    for w, logits, k in items:
        z = [x * inv_t for x in logits]
        top = max(z)
        total += w * (math.log(sum(math.exp(x - top) for x in z)) + top - z[k])
    return total


def softmax(logits, t):
    z = [x / t for x in logits]
    top = max(z)
    e = [math.exp(x - top) for x in z]
    s = sum(e)
    return [x / s for x in e]


def main(argv):
    cli, bundle, folders = argv[0], pathlib.Path(argv[1]), argv[2:]
    info = json.loads((bundle / "model.json").read_text())
    labels = info["labels"]
    wanted = set(info["training_data"]["validation_speakers"])
    files = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for n in sorted(names):
                c = clip_of(n)
                if c and c[1] in wanted:
                    files.append((os.path.join(root, n), c))
    if not files:
        sys.exit("no clip of the validation speakers found")
    with tempfile.TemporaryDirectory() as tmp:  # the bundle with T = 1 and no threshold
        plain = pathlib.Path(tmp) / "plain"
        shutil.copytree(bundle, plain)
        pi = json.loads((plain / "model.json").read_text())
        pi.pop("calibration", None)
        (plain / "model.json").write_text(json.dumps(pi))
        out = subprocess.run([cli, "predict", "--json", "--model", str(plain)] + [f for f, _ in files],
                             check=True, capture_output=True, text=True).stdout
    by_file = {r["file"]: r for r in json.loads(out)}
    counts = {}
    for _, (corpus, _, _) in files:
        counts[corpus] = counts.get(corpus, 0) + 1
    items = []  # (weight, log-probabilities at T = 1 as logits, true class)
    for f, (corpus, _, label) in files:
        r = by_file.get(f)
        if not r or not r.get("speech"):
            continue
        p = [max(r["probabilities"][l], 1e-4) for l in labels]  # printed to 1e-4
        items.append((1.0 / counts[corpus], [math.log(x) for x in p], labels.index(label)))
    weight = sum(w for w, _, _ in items)
    lo, hi = 1 / 20, 1 / 0.05
    g = (math.sqrt(5) - 1) / 2
    for _ in range(80):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if nll(items, a) < nll(items, b):
            hi = b
        else:
            lo = a
    t = 2 / (lo + hi)
    scored = sorted((max(softmax(z, t)), w, z.index(max(z)) == k) for w, z, k in items)
    threshold, below_w, right_w = 0.0, 0.0, 0.0
    for i, (top, w, right) in enumerate(scored):
        below_w += w
        right_w += w if right else 0.0
        last = i + 1 == len(scored)
        if below_w < max(5 / len(scored), 0.05) * weight or right_w >= 0.5 * below_w:
            continue
        if not last and scored[i + 1][0] == top:
            continue  # a threshold cannot split ties
        threshold = top if last else (top + scored[i + 1][0]) / 2  # as core/train/Calibration.cpp
    fit = {"temperature": t, "uncertain_below": threshold, "clips": len(items),
           "clips_per_corpus": counts, "nll_before": nll(items, 1.0) / weight,
           "nll_after": nll(items, 1 / t) / weight, "weighting": "each corpus equally"}
    info["calibration"] = {"temperature": t, "uncertain_below": threshold}
    info.setdefault("metrics", {}).setdefault("training", {})["calibration_balanced"] = fit
    tmp_path = bundle / "model.json.tmp"
    tmp_path.write_text(json.dumps(info, indent=2) + "\n")
    os.replace(tmp_path, bundle / "model.json")
    print(json.dumps(fit, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
