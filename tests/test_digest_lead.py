"""The lead method: first sentences of the cleaned article."""

from summarize.digest import Length, digest_articles
from summarize.read.text import read_text


def test_lead_takes_the_first_sentences(seed):
    article = read_text(seed.read_text(encoding="utf-8"), str(seed))
    [digest] = digest_articles([article], "lead", length=Length(sentences=2))
    assert digest.sentences == [
        "iFlyTek trains its large language models (LLMs) entirely on a home-grown computer platform created with "
        "Huawei, circumventing US constraints.",
        "Most of China's LLMs use computing platforms with US components, whereas iFlyTek prioritises "
        "self-developed infrastructure.",
    ]
    assert digest.method == "lead" and digest.model is None
    assert digest.title.startswith("Chinese AI Firm iFlyTek")


def test_lead_digests_the_cleaned_article():
    text = (
        "Headline here\n\n"
        "The council approved the new bridge across the river on Tuesday evening after a long debate.\n\n"
        "The council approved the new bridge across the river on Tuesday evening after a long debate.\n\n"
        "Work starts in spring and should take two years to finish, officials said.\n"
    )
    [digest] = digest_articles([read_text(text, "a.txt")], "lead", length=Length(sentences=2))
    assert len(digest.sentences) == 2
    assert digest.sentences[1].startswith("Work starts in spring")


def test_lead_word_budget():
    text = "T\n\nOne two three four five six. Seven eight nine ten. Eleven twelve thirteen fourteen fifteen.\n"
    [digest] = digest_articles([read_text(text, "w.txt")], "lead", length=Length.from_options(words=10))
    assert digest.sentences == ["One two three four five six.", "Seven eight nine ten."]
