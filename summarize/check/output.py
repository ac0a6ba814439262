"""How ``check`` prints its findings: text like a linter, JSON, GitHub Actions annotations, or counts."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

FORMATS = ("text", "json", "github")


def write_findings(findings, fmt: str, out: TextIO) -> None:
    if fmt == "text":
        for f in findings:
            out.write(f.format() + "\n")
    elif fmt == "json":
        records = [{"path": f.path, "line": f.line, "col": f.col, "code": f.code, "message": f.message,
                    "other_path": f.other_path, "other_line": f.other_line, "similarity": round(f.similarity, 4),
                    **({"files": f.files, "places": [{"path": path, "line": line} for path, line in f.places]}
                       if f.code == "SUM004" else {}),
                    **({"passage_lines": f.passage, "other_end_line": f.other_end_line} if f.passage else {})}
                   for f in findings]
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "github":
        for f in findings:
            end = f",endLine={f.passage[-1]}" if f.passage else ""
            out.write(f"::error file={_escape_property(f.path)},line={f.line}{end},col={f.col},"
                      f"title={f.code}::{_escape_data(f.message)}\n")
    elif fmt == "statistics":
        for code, count in sorted(Counter(f.code for f in findings).items()):
            out.write(f"{count:6d}  {code}\n")
    else:
        raise ValueError(fmt)


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
