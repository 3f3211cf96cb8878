#!/usr/bin/env python3
# Independent PCEN reference in plain Python (no numpy needed): librosa.pcen's formula and
# parameters applied to the mel_power.csv that `emoscope-cli features FILE --out DIR` writes,
# compared with its pcen.csv; also how far librosa's own start (smoother state 1) differs.
# Usage: emoscope-cli features clip.flac --out DIR && scripts/pcen_reference.py DIR
import math, sys
d = sys.argv[1]
mel = [[float(v) for v in line.split(',')] for line in open(d + '/mel_power.csv')]
got = [[float(v) for v in line.split(',')] for line in open(d + '/pcen.csv')]
sr, hop, tc, gain, bias, power, eps, scale = 16000, 160, 0.4, 0.98, 2.0, 0.5, 1e-6, 2.0**31
t = tc * sr / hop
b = (math.sqrt(1 + 4 * t * t) - 1) / (2 * t * t)
def pcen(init_first):
    out = []
    M = None
    for row in mel:
        S = [v * scale for v in row]
        if M is None:
            # librosa: zi = lfilter_zi([b],[1,b-1]) = 1-b, i.e. M[-1] = 1; ours: M[-1] = S[0]
            M = list(S) if init_first else [1.0] * len(S)
            M = [(1 - b) * m + b * s for m, s in zip(M, S)]
        else:
            M = [(1 - b) * m + b * s for m, s in zip(M, S)]
        smooth = [math.exp(-gain * (math.log(eps) + math.log1p(m / eps))) for m in M]
        out.append([bias ** power * math.expm1(power * math.log1p(s * sm / bias)) for s, sm in zip(S, smooth)])
    return out
def maxrel(a, c, frames=None):
    r = 0.0
    for i, (x, y) in enumerate(zip(a, c)):
        if frames is not None and i not in frames: continue
        for u, v in zip(x, y): r = max(r, abs(u - v) / (abs(v) + 1e-3))
    return r
ours, lib = pcen(True), pcen(False)
print("frames", len(mel), "b", b)
print("emoscope vs reference (M[-1] = S[0]): max rel error %.3g" % maxrel(got, ours))
print("emoscope vs librosa's own start (M[-1] = 1): max rel diff %.3g over all frames, %.3g after frame 200" % (maxrel(got, lib), maxrel(got, lib, set(range(200, len(mel))))))
