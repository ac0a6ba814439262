"""Repeated sentences and paragraphs inside one article."""

from __future__ import annotations

import json

from summarize.clean import CleanSettings, alignment, clean_article, cut_spans
from summarize.read.text import read_markdown, read_text


def _clean(text: str, **settings):
    return clean_article(read_text(text, "t.txt"), "en", CleanSettings(**settings))


def test_seed_loses_exactly_lines_9_to_11_each_pointing_at_line_2(seed):
    result = clean_article(read_text(seed.read_text(encoding="utf-8"), str(seed)))
    assert [(r.line, r.duplicate_of_line) for r in result.removed] == [(9, 2), (10, 2), (11, 2)]
    assert all(0.7 <= r.similarity <= 1.0 for r in result.removed)
    kept_lines = [p.line for p in result.article.paragraphs]
    assert kept_lines == [2, 3, 4, 5, 6, 7, 8, 12]  # "Source: SCMP" is not a repeat
    original = seed.read_text(encoding="utf-8").split("\n")
    assert result.cleaned_text().split("\n") == original[:8] + original[11:]


def test_seed_restatement_points_at_the_sentence_it_restates_not_a_similar_one(seed):
    result = clean_article(read_text(seed.read_text(encoding="utf-8"), str(seed)))
    last = result.removed[-1]
    assert last.line == 11
    assert last.duplicate_of_text.startswith("iFlyTek's Xinghuo models are trained on Huawei's Ascend computing systems")


def test_article_without_repeats_is_untouched(fixtures):
    record = json.loads((fixtures / "clean" / "bbc_no_repeats.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = record["title"] + "\n\n" + record["text"]
    result = _clean(text)
    assert result.removed == []
    assert result.cleaned_text() == text


def test_verbatim_paragraph_repeat_goes_whole_and_first_occurrence_stays():
    para = "The council approved the new budget on Tuesday after a long debate about road repairs."
    text = f"Budget passed\n\n{para}\n\nResidents will see the changes next spring, officials said.\n\n{para}\n"
    result = _clean(text)
    assert [(r.kind, r.line, r.duplicate_of_line, r.similarity) for r in result.removed] == [("paragraph", 7, 3, 1.0)]
    assert result.cleaned_text().count(para) == 1


def test_restated_sentence_inside_a_kept_paragraph_is_cut_and_the_rest_kept():
    text = (
        "Title here\n\n"
        "Shares in the carmaker fell sharply on Monday after it warned that profits would halve this year. "
        "Analysts had expected a smaller fall.\n\n"
        "The chief executive resigned in March. Shares in the carmaker dropped sharply on Monday after it warned "
        "profits would halve this year. A new plan is due in June.\n"
    )
    result = _clean(text)
    assert [(r.kind, r.line, r.duplicate_of_line) for r in result.removed] == [("sentence", 5, 3)]
    cleaned = result.cleaned_text()
    assert "The chief executive resigned in March. A new plan is due in June." in cleaned
    assert cleaned.count("Shares in the carmaker") == 1


def test_short_attribution_lines_and_list_items_of_one_template_are_not_repeats():
    text = (
        "Critics' choices\n\n"
        "- Tim Dams, Screen International: Film - The Aviator; director - Clint Eastwood; actor - Jamie Foxx.\n\n"
        "- Angie Errigo, Empire: Film - The Aviator; director - Clint Eastwood; actor - Jamie Foxx.\n\n"
        "Source: Reuters\n\nSource: Reuters\n"
    )
    assert _clean(text).removed == []


def test_list_items_that_differ_in_an_identifier_or_a_headword_are_kept():
    # rust-lang's blog: targets listed one per item; a dictionary: entries differing in their headword
    targets = ["x86_64-unknown-linux-musl", "powerpc-unknown-linux-gnu", "powerpc64-unknown-linux-gnu",
               "s390x-unknown-linux-gnu", "arm-unknown-linux-gnueabihf", "riscv64gc-unknown-linux-gnu"]
    items = "\n".join(f"* `{t}` (Tier 2 with host tools, built and tested)" for t in targets)
    text = f"# Targets\n\nThe following targets are affected by the change:\n\n{items}\n"
    assert clean_article(read_markdown(text, "a.md")).removed == []
    text = ("The Devil's Dictionary\n\n"
            "MOLECULE, n. The ultimate, indivisible unit of matter, as the learned will tell you.\n\n"
            "MONAD, n. The ultimate, indivisible unit of matter, as the learned will tell you. (See Molecule.)\n")
    assert _clean(text).removed == []


def test_a_removed_list_item_or_quote_leaves_no_stray_markup_and_keeps_the_blank_line_after_the_list():
    item = "The `deploy` script uploads the whole site to the server every night at nine."
    text = (f"# Notes\n\nThe list of things that we must remember:\n\n* {item}\n"
            f"* Another item that is different from the others in every single respect.\n* {item.replace('`', '')}\n\n"
            "A closing paragraph that ends the note.\n\n"
            "> **The deploy script** uploads the whole site to the server every night at nine o clock.\n")
    result = clean_article(read_markdown(text, "notes.md"))
    assert [r.line for r in result.removed] == [7, 11]
    assert result.cleaned_text() == (
        f"# Notes\n\nThe list of things that we must remember:\n\n* {item}\n"
        "* Another item that is different from the others in every single respect.\n\n"
        "A closing paragraph that ends the note.\n")


def test_a_sentence_with_a_number_changed_is_another_fact():
    text = ("Comments\n\n"
            "Comment by @tmandry posted on 2025-07-28 about the state of the async closures work.\n\n"
            "Comment by @tmandry posted on 2025-07-29 about the state of the async closures work.\n\n"
            "Comment by @tmandry posted on 2025-07-28 about the state of the async closures work, again.\n")
    assert [r.line for r in _clean(text).removed] == [7]


def test_parallel_paragraphs_of_a_report_and_lines_of_a_verse_are_kept():
    # an NTSB crash report (a 2000 news page): one pattern, another part, another count, another hour
    text = ("Wreckage\n\n"
            "A second CFI flew with the pilot between May 1998 and July 1999, mostly at night over the sound.\n\n"
            "A third CFI flew with the pilot between May 1998 and July 1999, mostly at night over the sound.\n\n"
            "1700...Cloudy, 3 miles visibility in haze, winds south-southwest at 10 knots.\n\n"
            "2000...Cloudy, 3 miles visibility in haze, winds south-southwest at 10 knots.\n\n"
            "Examination of the stabilator control cable circuit did not reveal a jam or failure. Cable continuity "
            "for the stabilator was established from the control surfaces to the cockpit controls.\n\n"
            "Examination of the rudder control cable circuit did not reveal a jam or failure. Cable continuity "
            "for the rudder was established from the control surfaces to the cockpit controls.\n\n"
            "The right wing was recovered in several pieces near the fuselage. No evidence of metal fatigue was found.\n\n"
            "The left wing was found some distance away from the other parts. No evidence of metal fatigue was found.\n\n"
            "To be a boy means not to be a girl, and to be a man means not to be a woman.\n"
            "To be a man means not to be a girl, and to be a man means not to be a woman.\n")
    assert _clean(text).removed == []


def test_a_headline_is_not_the_original_of_the_body_sentence_it_quotes():
    text = ("Seats\n\n'Where Are We Going to Put Them All, the Delegates and the Press?'\n\n"
            "The hall has room for four thousand people. \"I mean, where are we going to put them all, the delegates "
            "and the press?\" the organiser asked on Monday.\n")
    assert _clean(text).removed == []


def test_a_sentence_saying_the_opposite_is_not_a_restatement():
    text = ("Support\n\n"
            "The following Linux distributions are still supported under the new glibc and kernel requirements.\n\n"
            "The following Linux distributions are not supported under the new glibc and kernel requirements.\n\n"
            "The following Linux distributions are still supported under the new glibc and kernel requirements.\n")
    result = _clean(text)
    assert [r.line for r in result.removed] == [7]  # the third says again what the first said


def test_a_project_gutenberg_frame_is_not_the_work():
    header = ("The Project Gutenberg EBook of The Devil's Dictionary, by Ambrose Bierce\n\n"
              "This eBook is for the use of anyone anywhere at no cost and with almost no restrictions whatsoever.\n\n"
              "Title: The Devil's Dictionary\n\nAuthor: Ambrose Bierce\n\n"
              "*** START OF THIS PROJECT GUTENBERG EBOOK THE DEVIL'S DICTIONARY ***\n\n")
    work = "ABASEMENT, n. A decent and customary mental attitude in the presence of wealth or power.\n\n"
    footer = ("*** END OF THIS PROJECT GUTENBERG EBOOK THE DEVIL'S DICTIONARY ***\n\n"
              "This eBook is for the use of anyone anywhere at no cost and with almost no restrictions whatsoever.\n")
    article = read_text(header + work + footer, "972.txt")
    assert article.title == "The Devil's Dictionary"
    assert [p.text for p in article.paragraphs] == [work.strip()]
    result = clean_article(article)
    assert result.removed == [] and result.cleaned_text() == header + work + footer  # the licence stays in the file


def test_same_topic_sentence_with_shared_vocabulary_is_kept():
    text = (
        "Title\n\n"
        "iFlyTek's Xinghuo models are trained on Huawei's Ascend computing systems, which are becoming popular in China.\n"
        "iFlyTek's Xinghuo models are trained on Feixing Yihao, a computing platform built on Huawei's Ascend computing solutions.\n"
    )
    assert _clean(text).removed == []


def test_threshold_controls_how_loose_a_restatement_may_be():
    text = (
        "Title\n\n"
        "The minister said the new rail line would open in 2027 and cost far less than planned.\n\n"
        "The minister stated the new railway would open in 2027 and cost much less than expected.\n"
    )
    assert len(_clean(text, threshold=0.6).removed) == 1
    assert _clean(text, threshold=0.95).removed == []


def test_alignment_ratio_and_containment():
    assert alignment(["a", "b", "c"], ["a", "b", "c"]) == (1.0, 1.0)
    ratio, contained = alignment(["a", "b"], ["a", "x", "b", "y"])
    assert ratio == 2 * 2 / 6 and contained == 1.0
    assert alignment([], ["a"]) == (0.0, 0.0)


def test_cut_spans_keeps_layout():
    text = "one. two. three.\nfour.\nfive."
    assert cut_spans(text, [(5, 9)]) == "one. three.\nfour.\nfive."
    assert cut_spans(text, [(17, 22)]) == "one. two. three.\nfive."
    assert cut_spans(text, [(23, 28)]) == "one. two. three.\nfour."


def test_many_sentences_use_lsh_and_still_find_repeats():
    # Enough distinct sentences to cross the pairwise limit, then one restated.
    body = " ".join(f"Item number {i} of the report covers district {i} and its {i * 7} schools in detail." for i in range(300))
    text = "Report\n\n" + body + "\n\nItem number 5 of the report covers district 5 and its 35 schools in detail.\n"
    result = _clean(text)
    assert [(r.line, r.duplicate_of_line) for r in result.removed] == [(5, 3)]


def test_a_paragraph_unit_made_from_its_sentences_is_the_unit_of_its_text(seed, fixtures):
    # The paragraph units and signatures are made from the sentence ones (their words, names, terms;
    # the minimum of their MinHashes): they must be what the paragraph's own text gives.
    from summarize.clean import _ArticleUnits, _Unit
    from summarize.fingerprint import minhash_matrix
    from summarize.split import fill_sentences

    tricky = ('He said "It works." Officials in Leeds agreed. B52s flew over York. "Why?" Asked Ann.\n\n'
              'ABC-7 reported: A raid on 3 May. Then came 2,000 more in x86_64 builds (my_var). '
              'Café ﬁnal &amp; co-op isn\'t new.\n\nOne sentence only, naming Bob and 1999.\n')
    records = [json.loads(line) for line in (fixtures / "clean" / "bbc_no_repeats.jsonl").read_text(encoding="utf-8").splitlines()]
    for text in [seed.read_text(encoding="utf-8"), tricky, *(r["text"] for r in records)]:
        article = fill_sentences(read_text(text, "t.txt"), "english")
        units = _ArticleUnits.of(article.paragraphs)
        direct = [_Unit.of(p.line, p.text) for p in article.paragraphs]
        assert units.paragraphs == direct
        assert (units.paragraph_hashes == minhash_matrix([u.terms for u in direct])).all()
        assert units.sentences == [_Unit.of(s.line, s.text) for p in article.paragraphs for s in p.sentences]


def test_unit_terms_are_the_content_terms_of_its_text(seed):
    from summarize.clean import _Unit
    from summarize.fingerprint import content_terms, stem, words

    texts = seed.read_text(encoding="utf-8").splitlines() + ["The the THE a An and, said: Café ﬁnal &amp; co-op 2024's"]
    for text in texts:
        unit = _Unit.of(1, text)
        assert unit.terms == content_terms(text)
        assert unit.tokens == [stem(w) for w in words(text)]
