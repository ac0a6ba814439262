"""HTML pages (trafilatura) against their ground-truth article bodies; HTML fragments of feeds."""

from __future__ import annotations

import json
import sys

import pytest

from summarize.errors import InputError
from summarize.read import html as html_reader
from summarize.read import read_path
from summarize.read.html import html_to_text, read_html, strip_site_name, without_breadcrumb
from summarize.split import split_sentences

from conftest import FIXTURES, ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
from eval_read_html import overlap  # noqa: E402

TRUTH = json.loads((FIXTURES / "read" / "news_html_ground_truth.json").read_text(encoding="utf-8"))
PAGES = sorted(TRUTH)


@pytest.mark.parametrize("sha", PAGES)
def test_news_page_body_matches_ground_truth(sha):
    article = next(read_path(str(FIXTURES / "read" / f"{sha}.html.gz")))
    assert article.format == "html"
    assert article.meta["extraction"] == "trafilatura"
    body = "\n".join(p.text for p in article.paragraphs)
    precision, recall, f1 = overlap(body, TRUTH[sha]["articleBody"])
    assert recall >= 0.95 and precision >= 0.9, (precision, recall)
    assert article.title and article.title not in body.split("\n")[0]
    assert [p.line for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))


def test_titles_and_urls():
    europa = next(read_path(str(FIXTURES / "read" / "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f.html.gz")))
    assert europa.title == "NASA Just Confirmed There Are Water Plumes Above The Surface of Jupiter's Moon Europa"
    assert europa.url and "sciencealert.com" in europa.url
    berlin = next(read_path(str(FIXTURES / "read" / "e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090.html.gz")))
    assert berlin.title == "Son of former German president stabbed to death in Berlin"


def test_split_command_reads_a_gzipped_page():
    sha = "7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f"
    proc = run_cli("split", str(FIXTURES / "read" / f"{sha}.html.gz"))
    assert proc.returncode == 0, proc.stderr_text
    sentences = proc.stdout_text.splitlines()
    expected = [s for para in TRUTH[sha]["articleBody"].split("\n\n") for s in split_sentences(para)]
    assert len(expected) == 14
    assert set(expected) <= set(sentences)  # every sentence of the article, in order
    assert [s for s in sentences if s in expected] == expected
    assert len(sentences) <= len(expected) + 3  # little else ("More:", "SOURCE: News agencies")


def test_page_whose_text_trafilatura_rejects_is_not_silently_empty(capsys):
    # trafilatura leaves out comment sections; a page holding nothing else must not come out empty.
    page = ("<html><head><title>Reader comments</title></head><body><div id='comments'>"
            "<p>Great article, thanks for writing it.</p><p>I disagree with the second point.</p></div></body></html>")
    article = read_html(page, "comments.html")
    assert article.meta["extraction"] == "all page text"
    assert [p.text for p in article.paragraphs] == ["Great article, thanks for writing it.", "I disagree with the second point."]
    assert article.title == "Reader comments"
    assert "comments.html: no main article text found" in capsys.readouterr().err


def test_page_without_any_text_is_an_input_error():
    with pytest.raises(InputError, match="empty.html: no text in this HTML page"):
        read_html("<html><head><script>var x = 1;</script></head><body><img src=a.png></body></html>", "empty.html")


def test_html_to_text_keeps_blocks_as_paragraphs_and_drops_scripts():
    fragment = "<p>First &amp; <b>bold</b>.</p><script>alert('x')</script><div>Second<br>Third</div><ul><li>item</li></ul>"
    assert html_to_text(fragment) == "First & bold.\n\nSecond\n\nThird\n\nitem"
    assert html_to_text("plain &lt;text&gt; only") == "plain <text> only"


def test_a_20_mb_single_line_page_loses_nothing(tmp_path):
    # libxml2 silently cuts a text node at 10 MB; the reader must notice and read all of it.
    records = [json.loads(line) for line in (FIXTURES / "read" / "bbc_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    unit = " ".join(" ".join(r["text"].split()) for r in records) + " "
    copies = 20_000_000 // len(unit.encode("utf-8")) + 1
    page = tmp_path / "big.html"
    page.write_text(f"<html><head><title>Big</title></head><body><article><p>{unit * copies}</p></article></body></html>", encoding="utf-8")
    proc = run_cli("split", str(page))
    assert proc.returncode == 0, proc.stderr_text[-2000:]
    assert proc.stdout_text.count("\n") == len(split_sentences(unit)) * copies
    assert "a text block longer than 10 MB; using all the page's text" in proc.stderr_text


def test_tables_and_lists_are_kept_as_plain_paragraphs():
    page = ("<html><body><article><p>Intro paragraph for the article goes here with enough words to count as text.</p>"
            "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Arsenal</td><td>50</td></tr></table>"
            "<p>Closing paragraph of the story with more words in it.</p><ul><li>One point.</li><li>Two point.</li></ul></article></body></html>")
    assert [p.text for p in read_html(page, "t.html").paragraphs] == [
        "Intro paragraph for the article goes here with enough words to count as text.",
        "Team | Points",
        "Arsenal | 50",
        "Closing paragraph of the story with more words in it.",
        "One point.",
        "Two point.",
    ]


@pytest.mark.parametrize(
    "title, site, hostname, expected",
    [  # real page titles from the news_html set
        ("New York State Attorney General reportedly investigating WeWork – TechCrunch", "TechCrunch", "techcrunch.com",
         "New York State Attorney General reportedly investigating WeWork"),
        ("Best tech gadgets of 2019 | ZDNet", "ZDNet", "zdnet.com", "Best tech gadgets of 2019"),
        ("'The Medium is the Message': the 7th Amsterdam Light Festival | Inexhibit", "Inexhibit magazine", "inexhibit.com",
         "'The Medium is the Message': the 7th Amsterdam Light Festival"),
        ("Remake serie animata per Netflix - Remember 80/90 - Memorabilia anni 80/90", "Remember 80/90 - Memorabilia anni 80/90",
         "remember8090.it", "Remake serie animata per Netflix"),
        ("LinkNaija | Nigeria's popular news platform: Nollywood Actress Is Looking Stunning", "LinkNaija | Nigeria's popular news platform",
         "linknaija.com", "Nollywood Actress Is Looking Stunning"),
        ("NASA picks five companies for lunar lander program - SpaceNews.com", "SpaceNews.com", "spacenews.com",
         "NASA picks five companies for lunar lander program"),
        # not the outlet's name: kept
        ("Opinion | Republicans Are Following Trump to Nowhere", "NYTimes", "nytimes.com", "Opinion | Republicans Are Following Trump to Nowhere"),
        ("The Guardian view on Hong Kong: a city on the brink | Editorial", "The Guardian", "theguardian.com",
         "The Guardian view on Hong Kong: a city on the brink | Editorial"),
        ("Introducing Junior Gaspard, New CEO at Experience", "Experience", "expapp.com", "Introducing Junior Gaspard, New CEO at Experience"),
        ("PolitiFact’s guide to understanding tariffs and trade", "PolitiFact", "politifact.com", "PolitiFact’s guide to understanding tariffs and trade"),
        ("Take C.A.R.E. - comwrap auf der DMEXCO 2018", "Comwrap", "comwrap.com", "Take C.A.R.E. - comwrap auf der DMEXCO 2018"),
        ("Home - TechCrunch", "TechCrunch", "techcrunch.com", "Home - TechCrunch"),  # one word would be left
        # the site as its domain or with a word more, the section before it, a byline or a date after it
        ("Nach Kalifat-Rufen in Hamburg: Sind wir zu sanft zu Islamisten? - Panorama - derStandard.at", "DER STANDARD",
         "derstandard.at", "Nach Kalifat-Rufen in Hamburg: Sind wir zu sanft zu Islamisten?"),
        ("Russia hits Kyiv with ballistic missile, damages buildings - National | Globalnews.ca", "Global News",
         "globalnews.ca", "Russia hits Kyiv with ballistic missile, damages buildings"),
        ('"Pos tefeciliği" soruşturması: 4 şüpheli tutuklandı | NTV Haber', "NTV.com.tr", "ntv.com.tr",
         '"Pos tefeciliği" soruşturması: 4 şüpheli tutuklandı'),
        ("Zelensky Is Now Considering Firing Top General Syrsky * The Gateway Pundit * by Paul Serran", "The Gateway Pundit",
         "thegatewaypundit.com", "Zelensky Is Now Considering Firing Top General Syrsky"),
        ("Russland-Wahl: Nadeschdin setzt auf ein Ende der Putin-Ära – DW – 30.01.2024", None, "dw.com",
         "Russland-Wahl: Nadeschdin setzt auf ein Ende der Putin-Ära"),
        ("Apple unveils its new phone - Review", "Apple", "apple.com", "Apple unveils its new phone - Review"),  # no site part
    ],
)
def test_strip_site_name(title, site, hostname, expected):
    assert strip_site_name(title, site, hostname) == expected


def test_hover_cards_and_hidden_elements_do_not_leak_into_the_article():
    filler = " ".join(["The committee heard evidence from residents and officials over several long sessions."] * 3)
    page = f"""<html><head><title>Man pleads guilty to threats</title></head><body><article>
<p>A New York man pleaded guilty to charges he threatened to kill Rep. <span class="rollover-people"><a href="/people/omar">Ilhan Omar</a><span class="rollover-people-block"><img src="o.jpg"><a href="/x">Hillicon Valley: Progressives oppose funding bill | Senators call for 5G coordinator</a></span></span> (D-Minn.), prosecutors said on Monday.</p>
<p>He faces up to ten years in prison, <span class="tooltip">the court<span class="tooltiptext">Western District of New York</span></span> said in a statement.</p>
<p hidden>Subscribe to our newsletter for more stories like this one every single morning.</p>
<div style="display: none">Advertisement: the best mattresses of the year, reviewed and ranked by experts.</div>
<p>{filler}</p>
</article></body></html>"""
    article = read_html(page, "page.html")
    assert "kill Rep. Ilhan Omar (D-Minn.), prosecutors said on Monday." in article.text
    assert "prison, the court said in a statement." in article.text  # the visible word of a tooltip stays
    for leaked in ("Hillicon", "Western District", "Subscribe", "mattresses"):
        assert leaked not in article.text


def test_a_menu_that_drops_down_on_hover_is_not_the_story():
    """youbeauty.com's navigation promoted a quiz in a drop-down ("How's Your Sex Life? Great sex does
    more than ..."), which the extractor put before the story and lead digests took for its opening."""
    story = " ".join(["Drake nail decals are the latest thing in a world where fan culture and nail art meet."] * 4)
    page = f"""<html><head><title>5 Pop Culture Nail Decals</title></head><body>
<ul class='channel_names'><li class='quiz'><a href="#">Quizzes</a><div class='dropdown'><div class='nav_content'><ul>
<li class='featured'><div class='text'><h4>How's Your Sex Life?</h4>
<p>Great sex does more than blow your mind, it's good for your heart, your head and your beauty.</p></div></li>
</ul></div></div></li></ul>
<div class='page_body'><h1>5 Pop Culture Nail Decals</h1><p>{story}</p><p>{story}</p></div></body></html>"""
    article = read_html(page, "page.html")
    assert "Drake nail decals" in article.text
    assert "Sex Life" not in article.text and "Great sex" not in article.text


def test_the_authors_biography_and_the_lead_images_description_are_not_the_story():
    story = " ".join(["The stadium was designed by architects who had never built one before, the club said."] * 4)
    page = f"""<html><head><title>The stadium at sixty</title></head><body><article><h1>The stadium at sixty</h1>
<p class="img-description">Mario Vargas Llosa, peruanischer Schriftsteller und Literatur-Nobelpreisträger (2010).</p>
<p>{story}</p><p>{story}</p>
<div class="author-bio"><p class="author-bio-text">Houston Mitchell is an assistant sports editor and writer of the
Dodgers Dugout newsletter for the Los Angeles Times.</p></div></article></body></html>"""
    article = read_html(page, "page.html")
    assert "The stadium was designed" in article.text
    assert "Houston Mitchell" not in article.text and "Vargas Llosa" not in article.text


def test_a_page_saved_without_its_head_takes_its_title_from_the_first_h1(monkeypatch):
    story = ("OTTAWA - A top American official's criticism of NATO allies in Afghanistan may be the tipping point "
             "that drives Canada out of its combat role, the opposition leader said on Thursday. ") * 3
    page = (f"<html><body><div id='nav'><a href='/'>Home</a></div><h1 class='title' id='page-title'>Layton says U.S. "
            f"criticism may push Canada out of <em>Afghan</em> combat role\n  </h1><div class='story'><p>{story}</p>"
            f"<p>{story}</p></div></body></html>")
    # the real page (a 2008 radio station's) gave trafilatura neither a main text nor a title
    monkeypatch.setattr(html_reader, "_trafilatura", lambda page: {})
    article = read_html(page, "cfra.html")
    assert article.title == "Layton says U.S. criticism may push Canada out of Afghan combat role"
    assert article.meta["extraction"] == "all page text"


def test_an_escaped_bar_inside_a_table_cell_is_text_not_a_border():
    from summarize.read.html import _plain_lines

    # trafilatura's text of a 2000 LA Times page: a navigation cell, then the story's cell
    text = "| Home \\| Archives \\| Print Edition |  |\n| Tuesday, February 29, 2000 \\| Print this story |"
    assert _plain_lines(text) == "Home | Archives | Print Edition\nTuesday, February 29, 2000 | Print this story"


@pytest.mark.parametrize("title, want", [
    ("'Sea of Blue' rally backs police - CNN.com", "'Sea of Blue' rally backs police"),  # a CNN page of 2005
    ("FOXNews.com - Police Find Body in Woods", "Police Find Body in Woods"),
    ("Why I moved my blog to example.com", "Why I moved my blog to example.com"),  # a domain inside the title stays
])
def test_a_domain_standing_as_a_title_part_is_the_site_name(title, want):
    assert strip_site_name(title, None, None) == want


def test_a_title_escaped_twice_is_decoded_and_a_widget_heading_is_no_title():
    from summarize.read.html import read_html

    body = "<p>" + "The actor was seen at a dinner in Los Angeles on Friday night with friends and family. " * 6 + "</p>"
    escaped = (f"<html><head><meta property='og:title' content='Sean Penn &amp;amp;#039;proposes&amp;amp;#039;'>"
               f"<title>Sean Penn &#039;engaged&#039; | OK! Magazine</title></head><body><article>"
               f"<h1>Sean Penn &#039;proposes&#039;</h1>{body}</article></body></html>")
    assert read_html(escaped, "a.html").title == "Sean Penn 'proposes'"
    widget = (f"<html><head><title>As Electoral College Elects Trump, Hillary is Embarrassed</title></head><body><article>"
              f"{body}</article><div class='comments'><h1>Join the Discussion</h1></div></body></html>")
    title = read_html(widget, "b.html").title
    assert title != "Join the Discussion" and title.startswith("As Electoral College")


@pytest.mark.parametrize("title, expected", [
    ("Cortan el tráfico en la avenida principal » Local » Noticias", "Cortan el tráfico en la avenida principal"),
    ("Noticias » Local » Cortan el tráfico en la avenida principal", "Cortan el tráfico en la avenida principal"),
    ("Home › Blog › Why we moved our build to Rust", "Why we moved our build to Rust"),
    ("Why we moved our build to Rust » Blog", "Why we moved our build to Rust"),
    # kept: no headline among the parts, two long parts, or a part beside it too long for a section's name
    ("Rock » Roll", "Rock » Roll"),
    ("Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs", "Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs"),
    ("The sign said Exit » this way please", "The sign said Exit » this way please"),
    ("Hoy » una historia larga de verdad » otra historia larga también", "Hoy » una historia larga de verdad » otra historia larga también"),
])
def test_a_breadcrumb_trail_in_a_page_title_is_cut_from_the_headline(title, expected):
    assert without_breadcrumb(title) == expected


@pytest.mark.parametrize("head", [
    "<title>Noticias » Local » Cortan el tráfico en la avenida principal</title>",
    "<title>Cortan el tráfico en la avenida principal » Local » Noticias</title>",
    '<meta property="og:title" content="Cortan el tráfico en la avenida principal » Local » Noticias">',
])
def test_a_page_whose_title_strings_sections_to_the_headline_is_read_with_the_headline(head):
    body = "<p>" + "Las obras cortan el tráfico en la avenida durante toda la semana. " * 8 + "</p>"
    page = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    assert read_html(page, "page.html").title == "Cortan el tráfico en la avenida principal"


def test_the_headline_beside_the_site_name_in_the_title_is_taken_when_the_story_says_it():
    body = "<p>" + ("Girls track their bodies with apps, and the quantified self movement is gendered in ways "
                    "that fascinate researchers and worry parents alike. ") * 6 + "</p>"
    page = ("<html><head><title>danah boyd | apophenia &raquo; girls bodies are fascinating: the gendered quantified "
            f"self</title></head><body><article>{body}</article></body></html>")
    assert read_html(page, "post.html").title == "girls bodies are fascinating: the gendered quantified self"
    # a site's tagline beside the headline is not said in the story: the extractor's part stays
    body = "<p>" + "The Iaconelli spinning rod casts far and the test shows it handles pike well on every trip. " * 6 + "</p>"
    page = ("<html><head><title>Iaconelli rod in the test - Forum mit den besten Tipps zum Angeln</title></head>"
            f"<body><article>{body}</article></body></html>")
    assert read_html(page, "rod.html").title == "Iaconelli rod in the test"


def test_the_pages_visible_headline_wins_over_another_one_in_its_meta_tags():
    story = "<p>" + ("Hours after Yahya Sinwar was named the new leader of Hamas's political bureau, many in Gaza "
                     "wondered how the appointment would affect the war and the ceasefire negotiations. ") * 4 + "</p>"
    # CBC: og:title is a social-media variant; <title> and <h1> agree on the headline the page shows
    page = ("<html><head><title>What's next for Gaza, after Yahya Sinwar's appointment as Hamas political head? | CBC News"
            "</title><meta property='og:title' content='Palestinians say his appointment could ruin ceasefire talks | CBC News'>"
            "<meta property='og:site_name' content='CBC'></head><body><article><h1>What's next for Gaza, after Yahya "
            f"Sinwar's appointment as Hamas political head?</h1>{story}</article></body></html>")
    article = read_html(page, "cbc.html")
    assert article.title == "What's next for Gaza, after Yahya Sinwar's appointment as Hamas political head?"
    assert not article.text.startswith("What's next")  # the headline is not the body's first line any more
    # a variant sharing the headline's words stays the extractor's choice
    page = page.replace("Palestinians say his appointment could ruin ceasefire talks",
                        "What next for Gaza after the appointment of Sinwar as Hamas head")
    assert read_html(page, "cbc.html").title == "What next for Gaza after the appointment of Sinwar as Hamas head"


def test_a_sidebar_widgets_heading_is_not_the_title():
    story = "<p>" + ("Neulich packte mich das Verlangen, mein erstes selbstprogrammiertes Spiel wieder zu spielen, "
                     "und mit KEmulator ging das auch auf einem modernen Rechner. ") * 4 + "</p>"
    page = ("<html><head><title>MIDP Emulator KEmulator und Brick Challenge | -=daMax=-</title>"
            "<link rel='canonical' href='https://blog.todamax.net/2018/midp/'></head><body>"
            "<h1><a href='/2018/midp'>MIDP Emulator KEmulator und Brick Challenge</a></h1>"
            f"<div class='entry'>{story}</div><div class='sidebar'><h2 class='widgettitle'>Radio</h2>"
            "<p>Jetzt läuft: nichts.</p><h1><b>OOPS!</b></h1></div></body></html>")  # a second <h1>, as on the real page
    assert read_html(page, "blog.html").title == "MIDP Emulator KEmulator und Brick Challenge"


def test_the_site_name_part_of_a_title_is_not_the_headline_though_the_story_names_the_site():
    body = ("<p>Ottawa — From Tuesday's Globe and Mail</p><p>" + "Treasury Board President Stockwell Day is trumpeting "
            "job cuts at government boards and agencies, but most of the positions he cut are vacant. " * 4 + "</p>")
    page = ("<html><head><title>Ottawa cuts already vacant positions - The Globe and Mail</title></head><body><article>"
            f"{body}</article></body></html>")
    assert read_html(page, "globe.html").title == "Ottawa cuts already vacant positions"


@pytest.mark.parametrize(
    "title,expected",
    [
        ("午间公告：天奇股份中标广汽丰田项目；运达股份中标7亿元项目_证券时报网", "午间公告：天奇股份中标广汽丰田项目；运达股份中标7亿元项目"),
        ("促进航天技术更好惠及人民――习近平主席致贺信为中拉深化航天合作指明方向--时政--人民网",
         "促进航天技术更好惠及人民――习近平主席致贺信为中拉深化航天合作指明方向"),
        ("フジテレビ問題でスポーツ界にも大激震！各競技団体のビジネスモデル完全崩壊へ｜日刊ゲンダイDIGITAL",
         "フジテレビ問題でスポーツ界にも大激震！各競技団体のビジネスモデル完全崩壊へ"),
        ("短标题_新浪网", "短标题_新浪网"),  # too little headline would be left
        ("COVID-19疫苗接种指南发布", "COVID-19疫苗接种指南发布"),  # a hyphen inside the headline
    ],
)
def test_a_chinese_or_japanese_headline_loses_its_sites_and_sections_names(title, expected):
    assert strip_site_name(title, None, "example.cn") == expected


def test_a_list_of_links_labelled_as_related_content_is_not_the_story():
    story = "<p>" + ("Nada más cruzar la meta, el mensaje del ingeniero supuso la primera descarga de una tarde "
                     "de reproches entre los pilotos del campeonato. ") * 4 + "</p>"
    page = ("<html><head><title>La revancha de Verstappen</title></head><body><article><h1>La revancha de Verstappen</h1>"
            "<ul class='ue-c-article__subtitles' aria-label='Contenido relacionado'><li><a href='/a'><span>Crónica</span>"
            "Ferrari salva el 'match ball' tras una carrera sin orden ni concierto</a></li><li><a href='/b'><span>Mundial "
            f"2024</span>El pulso entre McLaren y Ferrari</a></li></ul>{story}</article></body></html>")
    article = read_html(page, "elmundo.html")
    assert "Ferrari salva" not in article.text and article.text.startswith("Nada más cruzar la meta")
    # a link's own label is not a container's: the words of a sentence stay
    page = page.replace("<ul class='ue-c-article__subtitles' aria-label='Contenido relacionado'>", "<ul>")
    assert "Ferrari salva" in read_html(page, "elmundo.html").text


def test_the_rest_of_a_story_hidden_behind_a_paywall_is_read():
    opening = "<p>Tras seis derrotas consecutivas, el Córdoba volvió a puntuar en su lucha por la salvación.</p>"
    rest = "".join(f"<p>En el minuto {m} el Córdoba remató al palo por {n} vez y el portero rival salvó otra ocasión "
                   f"clarísima de los locales ante su afición, que no dejó de animar en toda la {half} parte.</p>"
                   for m, n, half in [(5, "primera", "primera"), (18, "segunda", "primera"), (33, "tercera", "primera"),
                                      (50, "cuarta", "segunda"), (71, "quinta", "segunda"), (88, "sexta", "segunda")])
    page = ("<html><head><title>El Córdoba logra un punto vital</title></head><body><article><h1>El Córdoba logra un "
            f"punto vital</h1>{opening}<div class='paywall' hidden>{rest}</div>"
            "<div class='modal' hidden><p>Suscríbete para seguir leyendo.</p></div></article></body></html>")
    text = read_html(page, "abc.html").text
    assert "En el minuto 50" in text and "Suscríbete" not in text


def test_an_ad_slots_label_inside_a_sentence_is_dropped_and_the_sentence_joined():
    from summarize.read.html import _plain_lines

    text = ("Dazu wurde das seit vier Jahren bestehende Biotechnologie-Kompetenzzentrum\n   Anzeige\n   \n"
            "um eine Forschungsgruppe erweitert.\nAnzeige\nDie Gruppe arbeitet mit der RWTH.")
    assert _plain_lines(text) == ("Dazu wurde das seit vier Jahren bestehende Biotechnologie-Kompetenzzentrum um eine "
                                  "Forschungsgruppe erweitert.\nAnzeige\nDie Gruppe arbeitet mit der RWTH.")


def test_the_servers_php_notices_are_never_the_pages_text(monkeypatch):
    notice = ("Warning: Use of undefined constant comments - assumed 'comments' (this will throw an Error in a future "
              "version of PHP) in /homepages/15/d39327265/htdocs/wp-content/plugins/get-recent-comments.php on line 928")
    page = ("<html><head><title>Nummer zwei: Leo</title></head><body><h1>Nummer zwei: Leo</h1><p>Es ist schon einige Zeit "
            "her, als Henry auf die Welt kam, Nummer eins. Vor ein paar Tagen hat es auch Leo geschafft, Nummer zwei, und "
            f"alle waren froh darüber und feierten lange.</p><div id='sidebar'><p>{notice}</p><p>{notice}</p></div></body></html>")
    # the real blog's main text, as trafilatura found it, was four such notices
    monkeypatch.setattr(html_reader, "_trafilatura", lambda page: {"text": f"{notice}\n{notice}", "title": "Nummer zwei: Leo"})
    article = read_html(page, "blog.html")
    assert "Warning" not in article.text and "Leo geschafft" in article.text
