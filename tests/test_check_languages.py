from summarize.check.languages import detect


def test_language_folders_need_a_sibling_language_folder():
    paths = ["_articles/legal.md", "_articles/de/legal.md", "_articles/zh-hans/legal.md", "_articles/pt_BR/legal.md",
             "content/en/about.md", "docs/id/readme.md", "docs/other.md"]
    got = detect(paths)
    assert got["_articles/legal.md"] == ""
    assert got["_articles/de/legal.md"] == "de"
    assert got["_articles/zh-hans/legal.md"] == "zh-hans"
    assert got["_articles/pt_BR/legal.md"] == "pt-br"
    assert got["content/en/about.md"] == ""  # a lone en/ is no translation layout
    assert got["docs/id/readme.md"] == ""  # nor a lone id/ folder


def test_language_suffixes_need_the_original_or_a_sibling():
    got = detect(["README.md", "README.fr.md", "guide.de.md", "guide.ja.md", "notes.it.md", "v1.2.md"])
    assert got["README.fr.md"] == "fr" and got["README.md"] == ""
    assert got["guide.de.md"] == "de" and got["guide.ja.md"] == "ja"
    assert got["notes.it.md"] == "" and got["v1.2.md"] == ""


def test_a_languages_setting_names_the_codes():
    got = detect(["site/kr/a.md", "site/a.md"], declared=("kr",))
    assert got["site/kr/a.md"] == "kr"
