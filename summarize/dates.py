"""Publication dates as feeds write them, and ``--since`` spans.

Feeds give dates as RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) or whatever else a
publisher wrote; feedparser's own date parser reads all the forms it knows. A date
without a zone is taken as UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from summarize.errors import SummarizeError

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.I)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_date(value: str) -> datetime | None:
    """``value`` as an aware datetime (UTC when no zone is given); None when it is not a date."""
    value = value.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        when = None
    if when is None:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
    if when is None:
        from feedparser.datetimes import _parse_date

        parsed = _parse_date(value)
        if parsed is None:
            return None
        when = datetime(*parsed[:6], tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """A ``--since`` value: a span back from now (``30m``, ``2h``, ``3d``, ``1w``) or a date/time
    (``2026-12-01``, ``2026-12-01T08:00+01:00``)."""
    now = now or datetime.now(timezone.utc)
    m = _SPAN.match(value)
    if m:
        return now - timedelta(**{_UNITS[m.group(2).lower()]: float(m.group(1))})
    when = parse_date(value)
    if when is None:
        raise SummarizeError(f"--since {value!r}: expected a span (30m, 2h, 3d, 1w) or a date (2026-12-01)")
    return when
