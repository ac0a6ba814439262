"""Import NLTK without the optional scipy / scikit-learn parts it loads at import time.

Importing any NLTK module runs ``nltk/__init__``, which imports nearly all of NLTK:
``nltk.collocations`` imports ``scipy.stats`` and ``nltk.classify`` imports
scikit-learn whenever they are installed -- and they are with the ``[ml]`` extra
(sentence-transformers needs them). Measured with ``python -X importtime``: 0.96 s
for ``import nltk.tokenize.punkt`` with them, 0.17 s without. Punkt and the Porter
stemmer, the only NLTK parts this toolkit runs, need neither; NLTK guards each of
those imports with ``try: ... except ImportError`` and falls back.

So the command-line process -- ours alone -- imports NLTK with the two hidden for the
duration of that import (:func:`load`), and every CLI call that splits sentences
starts 0.8 s sooner. scipy and scikit-learn stay importable afterwards. A library
user's process is left alone (:func:`enable` is only called by the CLI entry point):
their own NLTK code may use what the fallbacks replace (``fisher_exact``,
``SklearnClassifier``).
"""

from __future__ import annotations

import sys

OPTIONAL = ("scipy", "sklearn")
_enabled = False


def enable() -> None:
    """Let :func:`load` hide the optional modules (the CLI's own process only)."""
    global _enabled
    _enabled = True


def load() -> None:
    """Import NLTK now, lean when enabled; a no-op once NLTK is imported."""
    if "nltk" in sys.modules:
        return
    if not _enabled:
        import nltk  # noqa: F401
        return
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import scipy..." raises ImportError
    try:
        import nltk  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
