"""stderr carries our own notes and errors only: third-party warnings and log records (dateutil's
UnknownTimezoneWarning raised inside trafilatura's date search, transformers, onnxruntime,
trafilatura's logging) never reach the user; ``-W`` still shows them to whoever asks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import run_cli

# trafilatura's date search hands "2014-08-02 10:00 XYZT" to dateutil, which warns about the zone.
PAGE = """<html><head><title>Storm hits coast - The Daily</title>
<meta property="article:published_time" content="2014-08-02 10:00 XYZT">
</head><body><article><h1>Storm hits coast</h1>
<p>The storm reached the coast on Saturday morning, bringing heavy rain and strong winds to the towns along the shore.</p>
<p>Officials said that thousands of homes lost power and that repair crews would work through the night to restore it.</p>
<p>Residents were told to stay indoors until the warning is lifted, the regional authority said in a statement.</p>
</article></body></html>
"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "storm.html"
    path.write_text(PAGE)
    return path


@pytest.mark.parametrize("method", ["lead", "embed"])
def test_an_html_digest_prints_nothing_on_stderr(page, method):
    proc = run_cli("digest", "-m", method, str(page))
    assert proc.returncode == 0
    assert proc.stderr_text == ""
    assert "The storm reached the coast" in proc.stdout_text


def test_the_dateutil_warning_is_there_to_be_silenced(page):
    proc = subprocess.run([sys.executable, "-W", "default", "-m", "summarize", "digest", "-m", "lead", str(page)],
                          capture_output=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0
    assert "UnknownTimezoneWarning" in proc.stderr.decode()  # shown when asked for, so silenced otherwise


def test_library_warnings_and_log_records_are_silenced_in_the_entry_point():
    code = (
        "import logging, warnings\n"
        "from summarize.commands.entry import quiet_third_parties\n"
        "quiet_third_parties()\n"
        "import dateutil.parser\n"
        "dateutil.parser.parse('2014-08-02 10:00 XYZT')\n"
        "warnings.warn('a library warning', DeprecationWarning)\n"
        "logging.getLogger('trafilatura.core').error('a trafilatura error record')\n"
        "logging.getLogger('htmldate').warning('a htmldate warning record')\n"
        "from transformers.utils import logging as hf\n"
        "hf.get_logger('transformers.modeling_utils').warning('a transformers warning')\n"
        "print('done')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "done\n", "")
