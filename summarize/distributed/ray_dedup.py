"""``summarize dedup --ray``: shingles, MinHash signatures and LSH candidate pairs on a Ray cluster.

Ray tasks read and parse the files and cut each article's text into shingle sets
(:func:`summarize.dedup.features.shingle_sets`); the driver gathers articles and
sets in input order. The local engine (:func:`summarize.dedup.engine.deduplicate`)
then runs with two of its stages supplied from here: the shingle sets, and ``lsh``,
which computes signatures and band keys in Ray tasks
(:func:`~summarize.dedup.features.signatures`, :func:`~summarize.dedup.lsh.band_keys`),
groups the ``(band key, article)`` rows by partition (the key modulo a partition count: a
Ray Data groupby, the shuffle) and pairs the articles of every bucket of a partition exactly as
:func:`~summarize.dedup.lsh.candidate_pairs` does on one machine (:func:`~summarize.dedup.lsh.bucket_pairs`).
Boilerplate detection, verification on the exact shingle sets and the clustering rule stay
the engine's, on the driver, so the clusters are a local run's.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence

import numpy as np

from summarize.distributed import cluster_size, configure, connect, expand_inputs, read_articles, reported, skipped

CHUNK = 1000  # articles per signature task


def ray_stages(inputs: Sequence[str], address: str, *, input_format: str | None, output: str | None, batch,
               shingle_size: int, progress: bool = False):
    """(articles in input order, their shingle sets, the ``lsh`` stage) for :func:`summarize.dedup.dedup_articles`."""
    files = expand_inputs(inputs, output)
    ray = connect(address)
    configure(ray, progress)
    batch.inputs += len(files)
    rows = read_articles(ray, files, input_format, cluster_size(ray)[1]).map_batches(
        _shingle_rows, fn_kwargs={"k": shingle_size}, batch_format="numpy", batch_size=256)
    articles, sets = [], []
    with reported(ray):
        for part in rows.iter_batches(batch_size=None, batch_format="numpy"):
            for error, article, flat in zip(part["error"], part["article"], part["shingles"]):
                if error:
                    skipped(batch, str(error))
                    continue
                articles.append(pickle.loads(article))
                sets.append(np.frombuffer(flat, dtype=np.uint64))

    def lsh(rep_sets, config):
        with reported(ray):
            return _lsh(ray, rep_sets, config)

    return articles, sets, lsh


def _shingle_rows(rows: dict, k: int) -> dict:
    """Each readable article's shingle set, as bytes (runs on a worker)."""
    from summarize.dedup import compared_text
    from summarize.dedup.features import shingle_sets

    ok = [i for i, error in enumerate(rows["error"]) if not error]
    sets = shingle_sets([compared_text(pickle.loads(rows["article"][i])) for i in ok], k)
    out = np.empty(len(rows["pos"]), dtype=object)
    out[:] = b""
    for i, s in zip(ok, sets):
        out[i] = s.tobytes()
    return {**rows, "shingles": out}


def _lsh(ray, sets: Sequence[np.ndarray], config) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Band keys of ``sets`` and the candidate pairs their buckets give, computed on the cluster."""
    bands_count = config.num_perm // config.band_rows
    if not sets:
        return np.empty((0, bands_count), np.uint64), (np.empty(0, np.int64), np.empty(0, np.int64))
    chunks = [{"first": start, "sizes": np.array([s.size for s in part], np.int64).tobytes(),
               "flat": np.concatenate(part).tobytes() if part else b""}
              for start in range(0, len(sets), CHUNK) for part in [list(sets[start:start + CHUNK])]]
    banded = ray.data.from_items(chunks, override_num_blocks=len(chunks)).map(
        _band_chunk, fn_kwargs={"num_perm": config.num_perm, "rows": config.band_rows}).materialize()
    bands = np.concatenate([np.frombuffer(r["bands"], np.uint64).reshape(-1, bands_count)
                            for r in sorted(banded.iter_rows(), key=lambda r: r["first"])])
    parts = max(PARTS_PER_CPU * cluster_size(ray)[1], -(-len(sets) * bands_count // ROWS_PER_PART))
    pairs = (banded.map_batches(_key_rows, fn_kwargs={"bands": bands_count, "parts": parts}, batch_format="numpy")
             .groupby("part").map_groups(_partition_pairs, batch_format="numpy"))
    found = [np.stack([p["earlier"], p["later"]], axis=1) for p in pairs.iter_batches(batch_size=None,
                                                                                     batch_format="numpy")
             if len(p["earlier"])]
    if not found:
        return bands, (np.empty(0, np.int64), np.empty(0, np.int64))
    unique = np.unique(np.concatenate(found).astype(np.int64), axis=0)
    return bands, (unique[:, 0], unique[:, 1])


PARTS_PER_CPU = 2
ROWS_PER_PART = 1 << 22  # (band key, article) rows of one partition: 64 MiB of keys and article numbers


def _band_chunk(row: dict, num_perm: int, rows: int) -> dict:
    """Signatures and band keys of one chunk of sets (runs on a worker)."""
    from summarize.dedup.features import signatures
    from summarize.dedup.lsh import band_keys
    from summarize.fingerprint import SEED

    sizes = np.frombuffer(row["sizes"], np.int64)
    flat = np.frombuffer(row["flat"], np.uint64)
    sets = np.split(flat, np.cumsum(sizes)[:-1]) if sizes.size else []
    keys = band_keys(signatures(sets, num_perm, SEED), rows)
    return {"first": row["first"], "bands": np.ascontiguousarray(keys).tobytes()}


def _key_rows(chunks: dict, bands: int, parts: int) -> dict:
    """One ``(partition, band key, article number)`` row per band of every article of some chunks: the
    partition is the key modulo ``parts``, so a key's rows all land in one group (keys as int64: Arrow
    has no unsigned inference for them)."""
    keys, docs = [], []
    for first, data in zip(chunks["first"], chunks["bands"]):
        matrix = np.frombuffer(data, np.uint64).reshape(-1, bands)
        keys.append(matrix.ravel())
        docs.append(np.repeat(np.arange(matrix.shape[0], dtype=np.int64) + int(first), bands))
    flat = np.concatenate(keys)
    return {"part": (flat % np.uint64(parts)).astype(np.int64), "key": flat.view(np.int64), "doc": np.concatenate(docs)}


def _partition_pairs(group: dict) -> dict:
    """The candidate pairs of every bucket (articles sharing a band key) of one partition, by the local rule."""
    from summarize.dedup.lsh import bucket_pairs

    earlier, later = bucket_pairs(np.asarray(group["key"], np.int64), np.asarray(group["doc"], np.int64))
    return {"earlier": earlier, "later": later}
