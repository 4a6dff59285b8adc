#!/usr/bin/env python3
"""Compares two Encord JSON exports the plain-Python way: the baseline for `labelbranch-cli diff`.

    bench/compare_exports.py A.json B.json

Each file is a JSON array of label rows, as `labelbranch-cli export` writes them. For every data unit on
either side it counts the distinct objectHash values (an image keeps its objects under
labels -> objects, a video under labels -> frame number -> objects) and compares the two counts. A data
unit with a row on one side only differs. Prints one line: units compared, how many differ, and how long
loading and comparing took.
"""

import json
import sys
import time


def object_hashes(labels):
    """The distinct objectHash values of one data unit's labels, images and videos alike."""
    hashes = set()
    for obj in labels.get("objects", ()):
        hashes.add(obj.get("objectHash"))
    frames = labels.get("frames")
    if not isinstance(frames, dict):
        # A video's frames sit directly under labels, keyed by frame number.
        frames = {key: value for key, value in labels.items() if key.isdigit()}
    for frame in frames.values():
        if isinstance(frame, dict):
            for obj in frame.get("objects", ()):
                hashes.add(obj.get("objectHash"))
    hashes.discard(None)
    return hashes


def object_counts(path):
    """data_hash -> number of distinct objects, for every data unit of every row in the export."""
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    counts = {}
    for row in rows:
        for data_hash, unit in (row.get("data_units") or {}).items():
            counts[data_hash] = counts.get(data_hash, 0) + len(object_hashes(unit.get("labels") or {}))
    return counts


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    start = time.monotonic()
    # One file at a time: only the counts of the first stay in memory while the second is read.
    a = object_counts(argv[1])
    b = object_counts(argv[2])
    loaded = time.monotonic()
    units = a.keys() | b.keys()
    only_a = sum(1 for h in units if h not in b)
    only_b = sum(1 for h in units if h not in a)
    differ = sum(1 for h in units if a.get(h) != b.get(h))
    done = time.monotonic()
    print(f"compared {len(units)} data units: {differ} differ ({only_a} only in A, {only_b} only in B); "
          f"read and counted in {loaded - start:.2f} s, compared in {done - loaded:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
