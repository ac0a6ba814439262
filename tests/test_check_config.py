"""[tool.summarize] settings and .gitignore-style globs."""

from __future__ import annotations

import pytest

from summarize.check.config import DEFAULT_EXCLUDE, DEFAULT_THRESHOLD, config_from_table, glob_match, load_config
from summarize.errors import SummarizeError


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.md", "a.md", True),
    ("*.md", "docs/deep/a.md", True),
    ("*.md", "a.mdx", False),
    ("CHANGELOG.md", "sub/CHANGELOG.md", True),
    ("docs/*.md", "docs/a.md", True),
    ("docs/*.md", "docs/x/a.md", False),
    ("docs/*.md", "other/docs/a.md", False),
    ("docs/**/*.md", "docs/a.md", True),
    ("docs/**/*.md", "docs/x/y/a.md", True),
    ("/drafts", "drafts/a.md", True),
    ("drafts/", "drafts/x/a.md", True),
    ("drafts/", "notdrafts/a.md", False),
    ("content/posts/2024-0[1-3]-*", "content/posts/2024-02-x.md", True),
    ("content/posts/2024-0[1-3]-*", "content/posts/2024-04-x.md", False),
    ("legal/**", "legal/terms/a.md", True),
    ("?.md", "a.md", True),
    ("?.md", "ab.md", False),
])
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_defaults_without_pyproject(tmp_path):
    cfg = load_config(tmp_path / "pyproject.toml")
    assert cfg.threshold == DEFAULT_THRESHOLD and cfg.min_words == 10
    assert cfg.included("docs/a.md") and cfg.included("x.rst") and cfg.included("p.html") and not cfg.included("a.py")


def test_reads_tool_summarize_and_ignores_other_commands_keys(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "blog"\n\n[tool.summarize]\nthreshold = 0.7\nmin_words = 12\ncontainment = 0.95\n'
        'exclude = ["vendor/**"]\ninclude = ["*.md"]\nbaseline = "ci/accepted.json"\ndigest-method = "lead"\n\n'
        '[tool.summarize.per-file-ignores]\n"CHANGELOG.md" = ["SUM002"]\n"legal/*" = ["sum001", "SUM002"]\n')
    cfg = load_config(tmp_path / "pyproject.toml")
    assert (cfg.threshold, cfg.min_words, cfg.containment, cfg.baseline) == (0.7, 12, 0.95, "ci/accepted.json")
    assert not cfg.included("vendor/x/a.md") and not cfg.included("a.rst") and cfg.included("a.md")
    assert cfg.ignored_codes("docs/CHANGELOG.md") == {"SUM002"}
    assert cfg.ignored_codes("legal/terms.md") == {"SUM001", "SUM002"}
    assert cfg.ignored_codes("posts/a.md") == frozenset()


@pytest.mark.parametrize("table, message", [
    ({"threshold": 1.5}, "threshold must be a number in (0, 1]"),
    ({"threshold": "high"}, "threshold must be a number"),
    ({"edit-ratio": 0}, "edit-ratio must be a number in (0, 1]"),
    ({"edit_ratios": 0.9}, "unknown setting 'edit-ratios'; did you mean 'edit-ratio'?"),
    ({"min-words": 1}, "min-words must be an integer >= 3"),
    ({"exclude": "*.md"}, None),  # a single string is accepted
    ({"include": [1]}, "include must be a list of glob patterns"),
    ({"per-file-ignores": {"a.md": ["E501"]}}, "unknown code(s) E501"),
    ({"per-file-ignores": ["a.md"]}, "per-file-ignores must be a table"),
    ({"threshhold": 0.9}, "unknown setting 'threshhold'; did you mean 'threshold'?"),
    ({"min_word": 12}, "unknown setting 'min-word'; did you mean 'min-words'?"),
])
def test_invalid_values_are_reported(table, message):
    if message is None:
        assert config_from_table(table).exclude == DEFAULT_EXCLUDE + ("*.md",)
        return
    with pytest.raises(SummarizeError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        config_from_table(table)


def test_invalid_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.summarize\nthreshold = 0.5\n")
    with pytest.raises(SummarizeError, match="invalid TOML"):
        load_config(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("pattern, path, matches", [
    ("_articles/*/", "_articles/de/post.md", True),
    ("_articles/*/", "_articles/post.md", False),  # a trailing slash matches folders only
    ("node_modules/", "a/node_modules/x/README.md", True),
    ("node_modules/", "node_modules", False),
    ("drafts", "drafts/a.md", True),
])
def test_a_trailing_slash_matches_folders_only(pattern, path, matches):
    assert glob_match(pattern, path) is matches


def test_the_nearest_config_file_wins(tmp_path):
    from summarize.check.config import find_config

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.summarize]: not a config
    sub = tmp_path / "docs" / "guide"
    sub.mkdir(parents=True)
    assert find_config(sub, tmp_path) is None
    (tmp_path / "summarize.toml").write_text("threshold = 0.7\n")
    assert find_config(sub, tmp_path) == tmp_path / "summarize.toml"
    assert load_config(find_config(sub, tmp_path)).threshold == 0.7
    (tmp_path / "docs" / ".summarize.toml").write_text("boilerplate-files = 9\nextend-select = ['SUM003']\n")
    cfg = load_config(find_config(sub, tmp_path))
    assert cfg.boilerplate_files == 9 and "SUM003" in cfg.select and cfg.threshold == DEFAULT_THRESHOLD


def test_docusaurus_versioned_docs_are_not_read_by_default():
    # frozen copies of the docs for each release: copies by design, not repeats to report
    from summarize.check.config import CheckConfig

    cfg = CheckConfig()
    assert cfg.excluded("website/versioned_docs/version-0.70/flexbox.md")
    assert cfg.included("docs/flexbox.md") and not cfg.included("website/versioned_docs/version-0.70/flexbox.md")
