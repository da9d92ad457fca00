"""
The reference solver for `npm run bench -- matching`: the same eligible-pair graph, expanded to one
column per open slot, solved by scipy's sparse LAPJV (min_weight_full_bipartite_matching, C code).

Reads the graph the benchmark wrote to DIR (graph.json + raw little-endian arrays), prints one JSON
line: the objective (same weight as ours: score + bigM * priority) and the seconds it took.
Each seeker row also gets a private dummy column (cost of staying unplaced), so that a matching of
every row exists; costs are shifted to be positive, because a stored zero is not an edge.
"""
import json
import os
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def main(folder: str) -> None:
    meta = json.load(open(os.path.join(folder, "graph.json")))
    n, m, big_m = meta["n"], meta["m"], meta["bigM"]
    load = lambda name, dtype: np.fromfile(os.path.join(folder, name), dtype=dtype)
    start = load("start.i32", "<i4").astype(np.int64)
    post = load("post.i32", "<i4").astype(np.int64)
    score = load("score.u8", "u1").astype(np.float64)
    priority = load("priority.u8", "u1").astype(np.float64)
    capacity = np.maximum(load("capacity.i32", "<i4"), 0).astype(np.int64)

    t0 = time.perf_counter()
    degree = np.diff(start)
    row_of_edge = np.repeat(np.arange(n, dtype=np.int64), degree)
    weight = score + big_m * priority[row_of_edge]
    # One column per slot: post j's slots are slot_start[j] .. slot_start[j] + capacity[j].
    slot_start = np.concatenate(([0], np.cumsum(capacity)))
    slots = int(slot_start[-1])
    copies = capacity[post]
    rows = np.repeat(row_of_edge, copies)
    first = np.repeat(slot_start[post], copies)
    offset = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(copies) - copies, copies)
    cols = first + offset
    shift = float(weight.max() if len(weight) else 0) + 1
    data = np.repeat(shift - weight, copies)
    # The dummy column of row i is slots + i, at the cost of weight 0.
    rows = np.concatenate((rows, np.arange(n, dtype=np.int64)))
    cols = np.concatenate((cols, slots + np.arange(n, dtype=np.int64)))
    data = np.concatenate((data, np.full(n, shift)))
    matrix = csr_matrix((data, (rows, cols)), shape=(n, slots + n))
    del rows, cols, data, first, offset
    build = time.perf_counter() - t0

    t1 = time.perf_counter()
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    solve = time.perf_counter() - t1

    cost = float(matrix[row_ind, col_ind].sum())
    objective = n * shift - cost
    placed = int((col_ind < slots).sum())
    print(json.dumps({
        "objective": int(round(objective)),
        "placed": placed,
        "rows": n,
        "cols": slots + n,
        "edges": int(matrix.nnz),
        "buildSeconds": build,
        "solveSeconds": solve,
        "maxRssMB": __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
