"""summarize: read, split, deduplicate and digest articles, offline.

The package layout is the pipeline:

- :mod:`summarize.read`      inputs (text, Markdown, HTML, JSON Lines, feeds, stdin) -> :class:`Article`
- :mod:`summarize.split`     paragraphs and sentences (NLTK Punkt, offline parameters)
- :mod:`summarize.fingerprint` normalisation, shingles, MinHash
- :mod:`summarize.clean`     repeated sentences/paragraphs inside one article
- :mod:`summarize.dedup`     near-duplicate articles across a feed
- :mod:`summarize.digest`    summarizer methods behind one protocol
- :mod:`summarize.write`     output formats
"""

__version__ = "0.1.0"
