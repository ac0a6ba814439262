"""A fast CPU sentence encoder: the verified MiniLM exported once to ONNX, int8-quantized.

Why: on a 2-core CPU the digest's time is almost all sentence encoding. ONNX Runtime
with dynamically quantized (int8) weights encodes several times faster than PyTorch
fp32 here, and needs no torch import at run time. On BBC its digests score the same
ROUGE as fp32 (``scripts/eval_digest.py --backend torch`` vs the default).

The export runs once per weights file (it needs torch and transformers, from the
``ml`` extra) from the *verified* local weights; the result is cached under
``$SUMMARIZE_CACHE`` (default ``~/.cache/summarize``) in a folder named after the
weights' SHA-256, with a manifest holding the ONNX file's own SHA-256, checked on
every load. Both files are written atomically (a temporary file, then ``os.replace``);
a manifest that cannot be read or does not match, and an ONNX file that fails its
checksum or does not load, are a cache miss: the encoder is exported again from the
verified weights, never trusted. A cache that cannot be written is one clear error
naming the folder and ``SUMMARIZE_CACHE`` (the ``auto`` backend falls back to PyTorch
instead). Tokenization uses the model's ``tokenizer.json`` with the ``tokenizers``
library; pooling is the model's mean pooling, then L2 normalisation. Every sentence is
run alone (no padding, no batch), in parallel across cores: see :meth:`OnnxEncoder.encode`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from summarize.errors import ModelError

EXPORT_VERSION = 1
OPSET = 17
MODEL_FILE = "model.int8.onnx"
MANIFEST_FILE = "manifest.json"


def cache_root() -> Path:
    return Path(os.environ.get("SUMMARIZE_CACHE") or Path.home() / ".cache" / "summarize")


def cache_folder(weights_sha256: str) -> Path:
    """Where the int8 export of the weights with this SHA-256 is cached."""
    return cache_root() / "encoders" / f"{weights_sha256[:16]}-v{EXPORT_VERSION}"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one, never a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _trusted_model(folder: Path, weights_sha256: str) -> bytes | None:
    """The cached ONNX model's bytes if its manifest is readable, is for these weights and this
    export, and records exactly these bytes' SHA-256; otherwise None (a cache miss)."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        data = (folder / MODEL_FILE).read_bytes()
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return None
    if not isinstance(manifest, dict) or manifest.get("weights_sha256") != weights_sha256 \
            or manifest.get("export_version") != EXPORT_VERSION:
        return None
    expected = manifest.get("onnx_sha256")
    return data if isinstance(expected, str) and hashlib.sha256(data).hexdigest() == expected else None


def _build(model_dir: Path, folder: Path, weights_sha256: str) -> bytes:
    """Export the verified weights into ``folder`` (model, then its manifest, each atomically); the model's bytes."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MODEL_FILE
        _export(model_dir, path)
        data = path.read_bytes()
        manifest = {"weights_sha256": weights_sha256, "onnx_sha256": hashlib.sha256(data).hexdigest(),
                    "export_version": EXPORT_VERSION, "opset": OPSET}
        _write_atomic(folder / MANIFEST_FILE, json.dumps(manifest).encode("utf-8"))
    except OSError as exc:
        raise ModelError(
            f"cannot write the ONNX encoder cache in {folder} ({exc.strerror or exc}); set SUMMARIZE_CACHE to a "
            f"writable folder, or use --backend torch"
        ) from None
    return data


def supports(model_dir: Path) -> bool:
    """Whether the model is a plain Transformer + mean Pooling (+ Normalize) sentence-transformers model."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return False
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"
    )
    return kinds[:2] == ["Transformer", "Pooling"] and set(kinds[2:]) <= {"Normalize"} and bool(mean_only) and (
        model_dir / "tokenizer.json"
    ).is_file()


def _export(model_dir: Path, target: Path) -> None:
    """Export ``model_dir`` to ONNX and quantize it to int8 at ``target`` (atomically)."""
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelError(f"cannot build the ONNX encoder ({exc}); pip install -e '.[ml]'") from None
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones((2, 8), dtype=torch.long)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "model.onnx"
        int8 = Path(tmp) / "model.int8.onnx"
        axes = {0: "batch", 1: "tokens"}
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantizer logs advice at WARNING on the root logger
        try:
            with warnings.catch_warnings(), open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
                warnings.simplefilter("ignore")
                torch.onnx.export(
                    LastHidden(model), (ids, ids, torch.zeros_like(ids)), str(fp32),
                    input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
                    dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                                  "last_hidden_state": axes},
                    opset_version=OPSET, dynamo=False,
                )
                quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        os.replace(int8, target)


def _session(ort, data: bytes, options):
    """(an inference session on the model ``data``, None), or (None, why it cannot be made, one line)."""
    try:
        return ort.InferenceSession(data, options, providers=["CPUExecutionProvider"]), None
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
        return None, (str(exc).splitlines() or [type(exc).__name__])[0]


class OnnxEncoder:
    """Encodes sentences to L2-normalised mean-pooled vectors with an int8 ONNX model."""

    backend = "onnx-int8"

    def __init__(self, model_dir: Path, weights_sha256: str, max_tokens: int = 128, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelError("the onnx-int8 encoder needs onnxruntime; pip install -e '.[ml]'") from None
        # One worker per core this process may run on (a container's CPU set, not the host's count).
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        self.threads = max(1, threads or usable or 1)
        ort.set_default_logger_severity(3)  # its C++ logger writes warnings to stderr itself
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallel across sentences instead (see encode)
        options.log_severity_level = 3
        folder = cache_folder(weights_sha256)
        # The session is made from the very bytes whose hash was checked. No cache, a damaged one,
        # or one that is intact but does not load (say, under another onnxruntime): export again.
        session = None
        data = _trusted_model(folder, weights_sha256)
        if data is not None:
            session, _ = _session(ort, data, options)
        if session is None:
            session, reason = _session(ort, _build(model_dir, folder, weights_sha256), options)
            if session is None:
                raise ModelError(f"{folder / MODEL_FILE}: the ONNX encoder exported from {model_dir} does not load "
                                 f"({reason}); use --backend torch")
        self.session = session
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()  # every text is run alone (see encode)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Vectors of ``texts`` (rows in input order).

        Each text is run on its own, never padded into a batch: dynamic int8 quantization
        scales the activations of a whole run by their common range, so in a batch a
        sentence's vector (and, measured on 600 BBC articles, 4-6% of digests) depended on
        which other sentences it was batched with. Alone, a sentence always gets the same
        vector, and running single texts on ``threads`` workers (ONNX Runtime releases the
        GIL) is faster than the padded batches were (2,397 BBC sentences: 2.04 s against
        2.85 s for batches of 32). ``batch_size`` is accepted for the encoder interface
        shared with the PyTorch backend and not used.
        """
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))

        def one(encoding) -> np.ndarray:
            ids = np.asarray([encoding.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            vector = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0][0].mean(axis=0)
            return vector / max(float(np.linalg.norm(vector)), 1e-12)

        if self.threads == 1 or len(encodings) == 1:
            return np.vstack([one(e) for e in encodings]).astype(np.float32)
        with ThreadPoolExecutor(self.threads) as pool:
            return np.vstack(list(pool.map(one, encodings))).astype(np.float32)
