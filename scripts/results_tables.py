#!/usr/bin/env python3
"""Prints the Markdown tables of docs/RESULTS.md from the cv JSON files in docs/results/
(written by scripts/results.sh). The tables are generated, never typed: re-run after new runs.
Usage: python3 scripts/results_tables.py [docs/results]"""
import json
import pathlib
import statistics
import sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/results")
# cv runs only (evaluate outputs such as baseline_shipped_on_nemo.json belong to
# scripts/crosscorpus_table.py; the cross-corpus runs live in docs/results/crosscorpus/).
runs = {p.stem: j for p in sorted(folder.glob("*.json"))
        for j in [json.loads(p.read_text())] if "folds" in j and "config" in j}

def pct(j, key):
    return f"{100 * j[key]:.1f} ± {100 * j[key + '_std']:.1f}"

def norm(j):
    """The normalisation, and for speaker mode where each speaker's statistics came from."""
    if j["normalisation"] != "speaker":
        return j["normalisation"]
    source = j["config"].get("speaker_stats", "all")  # runs before the option existed: all clips
    return f"speaker ({'all clips' if source == 'all' else source + ' clips'})"

def training_data(config):
    return " + ".join("TESS" if "tess" in d.lower() else "RAVDESS" for d in config["data"])

print("| run | model type | members | norm | training data | augmentation | epochs | lr schedule | parameters "
      "| UA % | WA % | macro F1 % | s/epoch (mean of folds) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for name, j in runs.items():
    c = j["config"]
    spe = statistics.mean(j["seconds_per_epoch"])
    schedule = c.get("lr_schedule", "plateau")  # runs before the option existed: plateau
    members = c.get("members", 1)               # runs before ensembles existed: one network
    print(f"| {name} | {j['model_type']} | {members} | {norm(j)} | {training_data(c)} | "
          f"{c.get('augment') or 'none'} | {c['epochs']} | {schedule} | {j['parameters']:,} | "
          f"{pct(j, 'ua')} | {pct(j, 'wa')} | {pct(j, 'macro_f1')} | {spe:.1f} |")

conditioned = {n: j for n, j in runs.items() if "conditions" in j}
if conditioned:
    print()
    print("| run | condition | UA % | WA % |")
    print("| --- | --- | --- | --- |")
    for name, j in conditioned.items():
        for cond, m in j["conditions"].items():
            print(f"| {name} | {cond} | {100 * m['ua']:.1f} ± {100 * m['ua_std']:.1f} | "
                  f"{100 * m['wa']:.1f} ± {100 * m['wa_std']:.1f} |")

for name, j in runs.items():
    print()
    print(f"Per-class recall, {name} (pooled over folds): " + ", ".join(
        f"{label} {j['per_class'][label]['recall']:.2f}" for label in j["labels"]))

# Held-out runs (one fold, explicit test speakers, scored under the test conditions): the table
# the shipped configuration is chosen from (mean of clean, 20 dB and 10 dB SNR).
heldout = {n: j for n, j in conditioned.items() if len(j["folds"]) == 1 and j["config"].get("test_speakers")}
if heldout:
    print()
    print("| run | TESS | augmentation | clean | 20 dB SNR | 10 dB SNR | mean |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, j in heldout.items():
        c = j["conditions"]
        ua = [100 * c[k]["ua"] for k in ("clean", "snr20dB", "snr10dB")]
        tess = "yes" if "TESS" in training_data(j["config"]) else "no"
        print(f"| {name} | {tess} | {j['config'].get('augment') or 'none'} | " +
              " | ".join(f"{u:.1f}" for u in ua) + f" | {statistics.mean(ua):.1f} |")
