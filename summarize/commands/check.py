"""``summarize check``: report paragraphs that repeat another paragraph of the repository."""

from __future__ import annotations

import sys

from summarize.check import check, write_report_baseline
from summarize.check.config import parse_codes
from summarize.check.output import write_findings
from summarize.commands.common import make_batch, value


def run_check(*, files=None, threshold: float | None = None, min_words: int | None = None,
              baseline: str | None = None, write_baseline: bool = False, config: str | None = None,
              output_format="text", select: str | None = None, extend_select: str | None = None,
              ignore: str | None = None, statistics: bool = False, files_only: bool = False, stats: bool = False,
              strict: bool = False, errors: str | None = None, quiet: bool = False) -> int:
    """Check ``files`` (all tracked content files when none) and print the findings; returns the exit status."""
    batch = make_batch(strict, errors, quiet)
    codes = {name: parse_codes(given, name) if given else None
             for name, given in (("select", select), ("extend-select", extend_select), ("ignore", ignore))}
    report = check(files or [], config_file=config, threshold=threshold, min_words=min_words, baseline=baseline,
                   use_baseline=not write_baseline, repository=not files_only, batch=batch,
                   select=codes["select"], extend_select=codes["extend-select"] or (), ignore=codes["ignore"] or ())
    if stats:
        print(f"summarize: {report.files} files, {report.paragraphs} paragraphs, {report.candidates} candidate pairs, "
              f"{report.verified} verified, {len(report.raw_findings)} repeats, {report.baselined} baselined "
              f"in {report.seconds:.2f}s", file=sys.stderr)
    if write_baseline:
        path, count = write_report_baseline(report, baseline)
        print(f"summarize: baseline {path} now accepts {count} repeat(s)", file=sys.stderr)
        if not baseline and not report.config.baseline:
            print(f'summarize: checks use it with --baseline {path.name}, or baseline = "{path.name}" under '
                  "[tool.summarize] in pyproject.toml", file=sys.stderr)
        return 0
    write_findings(report.findings, "statistics" if statistics else value(output_format), sys.stdout)
    if report.findings and not quiet:
        files_with = len({f.key_path for f in report.findings})
        paragraphs = sum(1 + len(f.passage) for f in report.findings)  # a passage is several
        what = (f"{len(report.findings)} repeated paragraph(s)" if paragraphs == len(report.findings) else
                f"{len(report.findings)} finding(s), {paragraphs} repeated paragraph(s),")
        print(f"summarize: {what} in {files_with} file(s)", file=sys.stderr)
    return batch.finish("checked", 1 if report.findings else 0)
