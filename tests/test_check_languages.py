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


def test_folders_with_a_language_suffix_beside_the_original():
    """tldr-pages keeps its translations in pages.<lang>/ beside pages/."""
    paths = ["pages/common/tar.md", "pages.ko/common/tar.md", "pages.pt_BR/common/tar.md", "pages.zh_TW/linux/df.md",
             "docs.v2/a.md", "docs/a.md", "site.it/a.md"]
    got = detect(paths)
    assert got["pages/common/tar.md"] == ""
    assert got["pages.ko/common/tar.md"] == "ko"
    assert got["pages.pt_BR/common/tar.md"] == "pt-br"
    assert got["pages.zh_TW/linux/df.md"] == "zh-tw"
    assert got["docs.v2/a.md"] == ""  # a version suffix is no language
    assert got["site.it/a.md"] == ""  # a lone suffixed folder (a domain name) is no layout


def test_a_translation_in_a_suffixed_folder_is_not_a_repeat_by_default(cli, tmp_path):
    import subprocess

    repo = tmp_path / "pages-repo"
    text = ("# tar\n\n> Archiving utility, often combined with a compression method such as gzip or bzip2 "
            "for the archives it writes.\n\n- Create an archive and write it to a file of the given name on disk:\n")
    for folder in ("pages", "pages.ko"):
        (repo / folder / "common").mkdir(parents=True)
        (repo / folder / "common" / "tar.md").write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    assert cli("check", cwd=repo).returncode == 0
    untranslated = cli("check", "--extend-select", "SUM003", cwd=repo)
    assert untranslated.returncode == 1 and "SUM003" in untranslated.stdout_text
