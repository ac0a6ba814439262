"""The five commands, one module each; :mod:`summarize.cli` declares their options and calls
``run_<name>(**options)``:

- :mod:`summarize.commands.split`  one sentence per line
- :mod:`summarize.commands.clean`  an article without what it repeats of itself
- :mod:`summarize.commands.dedup`  near-duplicate articles across inputs, feeds by URL, the index
- :mod:`summarize.commands.digest` a digest per article, per story (``--group``), or on Ray
- :mod:`summarize.commands.check`  repeated paragraphs in a content repository (pre-commit)

:mod:`summarize.commands.common` holds what they share (the input list, the batch of skipped
inputs); :mod:`summarize.commands.entry` is the process entry point: exit status and one-line errors.
"""
