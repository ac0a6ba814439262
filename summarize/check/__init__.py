"""``summarize check``: stop repeated paragraphs from being committed to a content repository.

- :mod:`summarize.check.prose`    prose paragraphs of Markdown / rST / HTML / text with ``line:col``
- :mod:`summarize.check.config`   ``[tool.summarize]`` settings and the codes
- :mod:`summarize.check.index`    vectorised MinHash + LSH candidates, exact verification
- :mod:`summarize.check.repo`     git root and tracked files
- :mod:`summarize.check.baseline` accepted existing repeats
- :mod:`summarize.check.engine`   the check itself: which side of a repeat is reported

Nothing here imports torch, NLTK or the HTML/feed readers: the pre-commit hook installs the core only.
"""

from summarize.check.config import CODES, CheckConfig, load_config
from summarize.check.prose import Prose, prose_paragraphs
from summarize.check.engine import CheckReport, Finding, check, write_report_baseline

__all__ = ["CODES", "CheckConfig", "CheckReport", "Finding", "Prose", "check", "load_config", "prose_paragraphs",
           "write_report_baseline"]
