"""How many pages of a folder of real articles are taken for non-articles (false positives).

    python scripts/eval_not_article.py [FOLDER]   # default ../shared/data/news_html

Every page of the folder is a real article, so every page skipped as "not an article" is a mistake;
each is printed with its reason, then the count.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarize.errors import InputError
from summarize.read import iter_folder, read_path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news_html"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    pages = [p for p in iter_folder(folder) if ".htm" in p.name]
    wrong = 0
    for page in pages:
        try:
            next(read_path(str(page)), None)
        except InputError as exc:
            if "not an article" in str(exc):
                wrong += 1
                print(exc)
    print(f"{wrong} of {len(pages)} real pages skipped as not an article")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
