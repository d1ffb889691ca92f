"""The scikit-learn side of `stig bench personas`.

Loads the preference matrix the bench wrote (`matrix.npy`, float32, C order: np.load, no
copy through text), fits `KMeans(n_clusters=k, n_init, max_iter, tol, algorithm="lloyd",
random_state=seed)` `reps` times with scikit-learn's default threads (each fit timed whole,
k-means++ seeding included; the median is reported), writes its labels to `sklearn_labels.npy`
(int32) and prints one JSON object: timing, inertia (recomputed in float64 from the labels and
centroids; scikit-learn's own `inertia_` is summed in float32 for float32 data), iterations,
and the adjusted Rand indexes (sklearn.metrics.adjusted_rand_score) between its labels, Stig's
and the latent types, a check on Stig's own ARI.

Usage: personas_sklearn.py PARAMS.json
"""

import json
import resource
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from threadpoolctl import threadpool_info


def inertia64(x, centers, labels, chunk=65536):
    total = 0.0
    for s in range(0, x.shape[0], chunk):
        d = x[s : s + chunk].astype(np.float64) - centers[labels[s : s + chunk]].astype(np.float64)
        total += float(np.einsum("ij,ij->", d, d))
    return total


def main():
    params = json.load(open(sys.argv[1]))
    x = np.load(params["matrix"])
    assert x.dtype == np.float32 and x.flags["C_CONTIGUOUS"], (x.dtype, x.flags)
    types = np.load(params["types"])
    stig = np.load(params["stig_labels"])

    times = []
    model = None
    for _ in range(int(params["reps"])):
        m = KMeans(
            n_clusters=int(params["k"]),
            n_init=int(params["n_init"]),
            max_iter=int(params["max_iter"]),
            tol=float(params["tol"]),
            algorithm="lloyd",
            random_state=int(params["seed"]),
        )
        start = time.perf_counter()
        m.fit(x)
        times.append(time.perf_counter() - start)
        model = m
    labels = model.labels_.astype("<i4")
    np.save(params["sklearn_labels"], labels)

    threads = max(
        (p.get("num_threads", 0) for p in threadpool_info() if p.get("user_api") == "openmp"),
        default=0,
    )
    out = {
        "version": sklearn.__version__,
        "threads": threads,
        "seconds": statistics.median(times),
        "times": times,
        "inertia": inertia64(x, model.cluster_centers_, labels),
        "inertia_sklearn": float(model.inertia_),
        "n_iter": int(model.n_iter_),
        "ari_stig_sklearn": float(adjusted_rand_score(stig, labels)),
        "ari_stig_types": float(adjusted_rand_score(stig, types)),
        "ari_sklearn_types": float(adjusted_rand_score(labels, types)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
