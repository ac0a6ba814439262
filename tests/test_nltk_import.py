"""The CLI imports NLTK without the scipy / scikit-learn parts it never runs; libraries get all of NLTK."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

needs_extras = pytest.mark.skipif(
    importlib.util.find_spec("scipy") is None or importlib.util.find_spec("sklearn") is None,
    reason="scipy and scikit-learn are what the lean import leaves out; without them there is nothing to test",
)


def _probe(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@needs_extras
def test_cli_process_splits_without_importing_scipy_or_sklearn_and_they_stay_importable():
    seen = _probe(
        """
        import json, sys
        from summarize import nltk_import
        nltk_import.enable()
        from summarize.fingerprint import stem
        from summarize.split import split_sentences
        sentences = split_sentences("Dr. Smith arrived at 9 a.m. on Monday. He left at noon.")
        loaded = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("scipy", "sklearn")})
        import scipy.stats, sklearn  # still there for anyone who needs them later
        print(json.dumps({"sentences": sentences, "stem": stem("restrictions"), "loaded": loaded}))
        """
    )
    assert seen["sentences"] == ["Dr. Smith arrived at 9 a.m. on Monday.", "He left at noon."]
    assert seen["stem"] == "restrict"
    assert seen["loaded"] == []


@needs_extras
def test_library_process_gets_all_of_nltk():
    seen = _probe(
        """
        import json
        from summarize.split import split_sentences
        split_sentences("One. Two.")
        from nltk.metrics.association import fisher_exact
        print(json.dumps({"fisher_from": fisher_exact.__module__}))
        """
    )
    assert seen["fisher_from"].startswith("scipy.")


@needs_extras
def test_the_command_line_entry_point_enables_the_lean_import():
    seen = _probe(
        """
        import atexit, json, sys
        def report():
            sys.stdout.write("\\n" + json.dumps({"sklearn": "sklearn" in sys.modules, "nltk": "nltk" in sys.modules}) + "\\n")
        from summarize.cli import main
        sys.argv = ["summarize", "split", "seeds/iflytek-huawei-ascend.txt"]
        try:
            main()
        except SystemExit:
            pass
        report()
        """
    )
    assert seen == {"sklearn": False, "nltk": True}
