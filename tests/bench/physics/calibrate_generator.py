#!/usr/bin/env python3
"""Fits the jet generator's shower and fragmentation parameters to real jets.

Random search in a box followed by shrinking searches around the best point, each point
generated and validated by `jet_calibration` (one process, data read once). The objective is
the sum over the per-jet validation observables and both classes of the separation power,
plus twice the sum of |AUC(generated) - AUC(data)|, plus the constituent ΔR separations.
Usage: calibrate_generator.py JET_CALIBRATION DATA.npz [--jets 6000] [--points 120] [--rounds 3]
       [--seed 1] [--start start.json] [--scale 1.0]
Prints every evaluated point (JSON lines) to stdout and the best configuration at the end.
"""
import argparse
import json
import random
import subprocess
import sys

# name: (section, key, low, high)
PARAMETERS = {
    "lambdaQcd": ("shower", "lambdaQcd", 0.05, 0.40),
    "kTCutoff": ("shower", "kTCutoff", 0.4, 1.6),
    "thetaMax": ("shower", "thetaMax", 0.35, 1.2),
    "ffA": ("fragmentation", "ffA", -0.5, 1.0),
    "stopMomentum": ("fragmentation", "stopMomentum", 0.5, 8.0),
    "sigmaPt": ("fragmentation", "sigmaPt", 0.2, 0.5),
    "gluonShareWidth": ("fragmentation", "gluonShareWidth", 0.0, 1.0),
    "vectorFraction": ("fragmentation", "vectorFraction", 0.05, 0.8),
    "ueDensity": ("underlyingEvent", "density", 0.0, 8.0),
    "uePtMean": ("underlyingEvent", "meanPt", 0.3, 2.0),
}


MULTIPLICITY_WEIGHT = 1.0  # --multiplicity-weight: the taggers' main handle can count more


def objective(result):
    total = 0.0
    for name, obs in result["observables"].items():
        weight = MULTIPLICITY_WEIGHT if name == "multiplicity" else 1.0
        total += weight * (obs["sep_q"] + obs["sep_g"])
        if "auc_gen" in obs:
            total += weight * 2.0 * abs(obs["auc_gen"] - obs["auc_data"])
    return total


def config_of(point):
    config = {"shower": {}, "fragmentation": {}, "underlyingEvent": {}}
    for name, value in point.items():
        section, key, _, _ = PARAMETERS[name]
        config[section][key] = value
    return config


def valid(point):
    return point["kTCutoff"] > 1.5 * point["lambdaQcd"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("data")
    parser.add_argument("--jets", type=int, default=6000)
    parser.add_argument("--points", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", help="JSON object name -> value to centre the first round on")
    parser.add_argument("--multiplicity-weight", type=float, default=1.0)
    parser.add_argument("--fixed", default="{}",
                        help="JSON configuration merged into every point, e.g. switches not scanned")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="first round's half-width around --start, as a fraction of each range")
    args = parser.parse_args()
    global MULTIPLICITY_WEIGHT
    MULTIPLICITY_WEIGHT = args.multiplicity_weight
    fixed = json.loads(args.fixed)
    rng = random.Random(args.seed)
    proc = subprocess.Popen([args.tool, args.data, str(args.jets), str(args.seed)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)

    def evaluate(point):
        config = config_of(point)
        for section, values in fixed.items():
            config.setdefault(section, {}).update(values)
        proc.stdin.write(json.dumps(config) + "\n")
        proc.stdin.flush()
        result = json.loads(proc.stdout.readline())
        score = objective(result)
        print(json.dumps({"objective": score, "point": point, "result": result}), flush=True)
        return score

    best, best_score = None, float("inf")
    if args.start:
        with open(args.start) as f:
            best = json.load(f)
        best_score = evaluate(best)
    scale = args.scale
    for round_index in range(args.rounds):
        for _ in range(args.points):
            point = {}
            for name, (_, _, low, high) in PARAMETERS.items():
                if best is None or round_index == 0 and not args.start:
                    point[name] = rng.uniform(low, high)
                else:
                    half = 0.5 * scale * (high - low)
                    point[name] = min(high, max(low, best[name] + rng.uniform(-half, half)))
            if not valid(point):
                continue
            score = evaluate(point)
            if score < best_score:
                best, best_score = point, score
        scale *= 0.4
    proc.stdin.close()
    proc.wait()
    print(json.dumps({"best_objective": best_score, "best": best, "config": config_of(best)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
