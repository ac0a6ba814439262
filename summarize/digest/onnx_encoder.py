"""A fast CPU sentence encoder: the verified MiniLM exported once to ONNX, int8-quantized.

Why: on a 2-core CPU the digest's time is almost all sentence encoding. ONNX Runtime
with dynamically quantized (int8) weights encodes several times faster than PyTorch
fp32 here, and needs no torch import at run time. On BBC its digests score the same
ROUGE as fp32 (``scripts/eval_digest.py --backend torch`` vs the default).

The export runs once per weights file (it needs torch and transformers, from the
``ml`` extra) from the *verified* local weights; the result is cached under
``$SUMMARIZE_CACHE`` (default ``~/.cache/summarize``) in a folder named after the
weights' SHA-256, with a manifest holding the ONNX file's own SHA-256, checked on
every load. Tokenization uses the model's ``tokenizer.json`` with the ``tokenizers``
library; pooling is the model's mean pooling, then L2 normalisation. Every sentence is
run alone (no padding, no batch), in parallel across cores: see :meth:`OnnxEncoder.encode`.
"""

from __future__ import annotations

import contextlib
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


def cache_root() -> Path:
    return Path(os.environ.get("SUMMARIZE_CACHE") or Path.home() / ".cache" / "summarize")


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


class OnnxEncoder:
    """Encodes sentences to L2-normalised mean-pooled vectors with an int8 ONNX model."""

    backend = "onnx-int8"

    def __init__(self, model_dir: Path, weights_sha256: str, max_tokens: int = 128, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelError("the onnx-int8 encoder needs onnxruntime; pip install -e '.[ml]'") from None
        folder = cache_root() / "encoders" / f"{weights_sha256[:16]}-v{EXPORT_VERSION}"
        path = folder / "model.int8.onnx"
        manifest = folder / "manifest.json"
        from summarize.models_embed import sha256_file

        if path.is_file() and manifest.is_file():
            expected = json.loads(manifest.read_text(encoding="utf-8")).get("onnx_sha256")
            if sha256_file(path) != expected:
                path.unlink()  # a damaged cache is rebuilt from the verified weights
        if not path.is_file():
            _export(model_dir, path)
            manifest.write_text(json.dumps({"weights_sha256": weights_sha256, "onnx_sha256": sha256_file(path),
                                            "export_version": EXPORT_VERSION, "opset": OPSET}), encoding="utf-8")
        # One worker per core this process may run on (a container's CPU set, not the host's count).
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        self.threads = max(1, threads or usable or 1)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallel across sentences instead (see encode)
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
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
