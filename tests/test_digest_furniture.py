"""Page furniture never reaches a digest, whatever the method (summarize.digest.furniture), and a
sentence a hard line break cut in two is read whole (summarize.read.html)."""

from __future__ import annotations

import json

import pytest

from summarize.digest import Length, digest_articles
from summarize.digest.furniture import is_boilerplate, word_count
from summarize.read.html import read_html, runs_on
from summarize.read.jsonl import read_jsonl

STORY = ("The city council approved a new bridge across the river on Tuesday after a long debate. "
         "Work starts in spring and should take two years, officials said. "
         "The bridge will carry cyclists and pedestrians only.")


@pytest.mark.parametrize("line", [
    "sexta-feira, 22 de outubro de 2010 às 20:13",  # an opening time stamp, Portuguese
    "기사입력 :[ 2018-08-25 15:24 ]",  # Korean
    "5:45 AM PST 11/19/2019 by Patrick Shanley",
    "UPDATED: Tue., Nov. 19, 2019",
    "Published 18 November 2019",
    "#HealthyHydration #ad",
    'Watch: <iframe src="https://www.youtube.com/embed/x" width="560"></iframe>',
    'The mayor said <a href="https://example.com/report">the report</a> was wrong.',
    "Also on rt.com Journalists & politicians from Morales’ party threatened with sedition arrests as Bolivia purges",
    "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",
    "Tempo de leitura: 1 minuto",
    "Rockledge 14 11 6 15 — 44",
    "Topics: uber, libertarians, Sydney, Editor's Picks, sharing economy, Technology News",
    ", there are two solutions to and they are",  # what is left of a sentence around a dropped formula
    "chaos theory",  # a topic tag opening the body, not a standfirst
    "The post Q4 2022 RSS.com Product Updates appeared first on RSS.com.",  # WordPress' feed footer
    "submitted by /u/cakebeerandmorebeer to /r/funny [link] [comments]",  # Reddit's
    "Continue reading...",  # the Guardian's
    "続きを読む",  # Japanese blogs': "read on"
    # found on real pages by a field trial
    "« Behold, 6 real-life cyborgs | Main | “LEGO for the iPad generation” gets funding »",  # a blog's prev/next links
    "No comments yet.", "RSS feed for comments on this post.", "Receive email alerts on:",
    "Photograph by Gianluigi Guercia / AFP.", "Photo courtesy of NASA.",
])
def test_furniture_lines(line):
    assert is_boilerplate(line, opening=True)


@pytest.mark.parametrize("line, opening", [
    ("Jonas Brothers Added to 2019 American Music Awards Performance Lineup", False),  # another story's headline
    ("Ciara to Host 2019 American Music Awards, Plus New Performers Announced", False),
])
def test_other_headlines_in_the_body(line, opening):
    assert is_boilerplate(line, opening=opening)


@pytest.mark.parametrize("line, opening", [
    ("Arsenal win 4-2 on penalties", True),  # a standfirst opening the body
    ("The meeting starts at 10:30 and the vote is due by noon.", False),  # a time inside a sentence
    ("The <Palace> show sold out in two days.", False),  # angle brackets that are no HTML tag
    ("Police said 12 people were hurt and 3 were taken to hospital.", False),
    ("엘제이의 행동은 분명한 사생활 침해이고 많은 비난을 받았다.", False),  # Korean has no case: never SHOUTED
    ("华为与科大讯飞共同开发的计算平台完全由国产部件组成。", False),  # Chinese, no spaces: not a one-word label
    ("俺の英語力は、TOEIC975点、CNNが字幕なしで理解できるレベル。", False),  # capitals in a caseless script: not SHOUTED
    ("東京は晴れです。", False),  # a short Japanese sentence ends like one
    ("The post office appeared first on the list of closures the council published on Monday.", False),
    ("Submitted by the council to the inquiry, the report runs to 400 pages and names every official.", False),
    ("Photographs by the hundred were taken at the scene, police said.", False),
    ("No comments yet from the ministry, which declined to respond.", False),
    ("He was in the photo by Smith, the court heard on Monday.", False),
])
def test_prose_is_kept(line, opening):
    assert not is_boilerplate(line, opening=opening)


def test_word_count_counts_chinese_and_japanese_by_characters():
    assert word_count("The cat sat.") == 3
    assert word_count("华为与科大讯飞共同开发") == 6
    assert word_count("Kindle for PCの起動ホットキー") == 2 + 4  # "PC" and 8 kana/kanji in one token


def _jsonl(tmp_path, text, title="Bridge approved"):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "title": title, "text": text}) + "\n", encoding="utf-8")
    return list(read_jsonl(path.read_text(encoding="utf-8"), str(path)))


@pytest.mark.parametrize("method", ["lead", "embed"])
def test_no_method_digests_furniture(tmp_path, method):
    text = ("Updated 10:02 GMT, 3 March 2024\n\nTweet\n\nLoading...\n\nCredit: NASA/ESA\n\n" + STORY +
            "\n\nRead more: Council budget row deepens over roads")
    [digest] = digest_articles(_jsonl(tmp_path, text), method, length=Length(sentences=3))
    assert digest.sentences[0].startswith("The city council approved")
    assert not any(s.startswith(("Updated", "Tweet", "Loading", "Credit", "Read more")) for s in digest.sentences)


def test_lead_keeps_an_article_made_only_of_short_lines(tmp_path):
    [digest] = digest_articles(_jsonl(tmp_path, "Gallery\n\nPhotos\n\nMore"), "lead", length=Length(sentences=2))
    assert digest.sentences  # all furniture: the digest falls back to the lines rather than nothing


PAGE = """<html><head><title>Actress stuns in new photos - Daily Example</title></head><body>
<article><h1>Actress stuns in new photos</h1>
<p>Photos<br>which were released online and are making the rounds on social media,<br>
show the actress, Kate Example, looking stunning in new<br>make-up photos.</p>
<p>The actress, who in 2008 won the<br>Africa Movie Academy Award for Best Actress, has taken<br>
to her Instagram page to share the photos.</p>
<ul><li>first item without a stop</li><li>second item without a stop</li></ul>
<p>She thanked her fans for their messages and said more work was coming next year.</p>
</article></body></html>"""


def test_a_hard_line_break_inside_a_sentence_is_read_whole():
    article = read_html(PAGE, "page.html")
    lines = article.text.split("\n")
    assert ("Photos which were released online and are making the rounds on social media, show the actress, "
            "Kate Example, looking stunning in new make-up photos.") in lines
    assert ("The actress, who in 2008 won the Africa Movie Academy Award for Best Actress, has taken to her "
            "Instagram page to share the photos.") in lines
    assert "first item without a stop" in lines and "second item without a stop" in lines  # list items stay apart


@pytest.mark.parametrize("line, following, joined", [
    ("who in 2008, won the", "Africa Movie Academy Award", True),
    ("Photos", "which were released online", True),
    ("It rained all day.", "then it stopped", False),  # a sentence ended: a lower-case line is its own
    ("Kate Henshaw", "Veteran Nollywood actress", False),  # a caption, then a new sentence
    ("Contents:", "first part", False),
])
def test_runs_on(line, following, joined):
    assert runs_on(line, following) is joined


def test_digest_of_a_hard_wrapped_page_through_the_command(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = cli("digest", str(page), "-m", "lead", "-n", "2", "-f", "jsonl")
    [record] = [json.loads(line) for line in result.stdout_text.splitlines()]
    assert record["sentences"][0].startswith("Photos which were released online")
    assert record["sentences"][0].endswith("make-up photos.")
    assert record["sentences"][1].startswith("The actress, who in 2008 won the Africa Movie Academy Award")


def test_feed_fragments_rejoin_a_sentence_cut_by_br():
    from summarize.read.html import html_to_text

    fragment = "<p>Photos<br>which were released online,<br>show the actress.</p><p>Plan A<br>The second line.</p>"
    assert html_to_text(fragment) == ("Photos which were released online, show the actress.\n\nPlan A\n\n"
                                      "The second line.")


@pytest.mark.parametrize("first, want", [
    # BBC, 2000: the stamp and the headline in the story's table cell
    ("Wednesday, 7 June, 2000, 16:58 GMT 17:58 UK Techs axed from FTSE Some of the technology stocks that joined "
     "the FTSE 100 in March have now left the index again.",
     "Some of the technology stocks that joined the FTSE 100 in March have now left the index again."),
    # Fox News, 2005: a date and a byline before the dateline
    ("Tuesday, October 04, 2005 By Liza Porteus WASHINGTON — President Bush on Monday chose White House counsel "
     "Harriet Miers to replace the retiring justice.",
     "WASHINGTON — President Bush on Monday chose White House counsel Harriet Miers to replace the retiring justice."),
    # LA Times, 2000: a date and the page's print tool
    ("Friday, April 7, 2000 | Print this story Techs axed from FTSE What, e-worry? Amid some of the most "
     "discouraging news the market had given in years, they partied on.",
     "What, e-worry? Amid some of the most discouraging news the market had given in years, they partied on."),
    # a sentence that starts with a date is a sentence
    ("February 10, 2010 was the coldest day of the winter in the city, the weather office said on Thursday.", None),
])
def test_a_stamp_headline_and_byline_glued_to_the_first_sentence_are_not_the_digest(first, want):
    from summarize.digest.furniture import after_headline, without_stamp

    cut = without_stamp(after_headline(first, "Techs axed from FTSE"))
    assert cut == (want if want is not None else first)


@pytest.mark.parametrize("first, want", [
    # Fox News, 2015: byline, publication date and source glued before the first sentence
    ("By Nadiah Sarsour Published January 15, 2015 FoxNews.com — Some 56 members of ISIS learned their so-called "
     "caliph does not tolerate losing in battle.",
     "Some 56 members of ISIS learned their so-called caliph does not tolerate losing in battle."),
    ("Juan Williams By Juan WilliamsPublished January 19, 2015 FoxNews.com — Dr. Martin Luther King Jr. died young, "
     "at age 39.", "Dr. Martin Luther King Jr. died young, at age 39."),
    # an agency or a site credited before the dateline or the sentence
    ("Reuters LONDON — Paul McCartney said on Tuesday he had put together a new Beatles record.",
     "LONDON — Paul McCartney said on Tuesday he had put together a new Beatles record."),
    ("FOXNews.com On July 16, 1999, about 2141 eastern daylight time, a Piper was destroyed.",
     "On July 16, 1999, about 2141 eastern daylight time, a Piper was destroyed."),
    # CNN, 2000: a photo caption and its "Web posted at" stamp before the dateline
    ("Jiang Zemin, left, shakes hands with Yasser Arafat before their meeting Monday August 14, 2000 Web posted at: "
     "7:45 p.m. EDT (2345 GMT) BEIJING -- Palestinian leader Yasser Arafat failed to get an endorsement from China.",
     "BEIJING -- Palestinian leader Yasser Arafat failed to get an endorsement from China."),
    ("Protesters scale a fence near the convention late Monday August 15, 2000 Web posted at: 12:36 AM EDT (0436 GMT)", ""),
    # a headline part, a date and a credit
    ("Tie for Top of Box-Office Sunday, August 13, 2000 FOXNews.com An invisible mad scientist continued to top "
     "the box office this weekend.", "An invisible mad scientist continued to top the box office this weekend."),
    # sentences that only look like it
    ("Amazon.com Inc said on Monday it would open a new warehouse in Ohio next year.", None),
    ("Reuters reported that the company would cut 200 jobs in the spring, officials said.", None),
    ("Reuters News Agency reported that a DEA complaint said he had agreed to allow an informant in.", None),
    ("Amazon.com CEO Andy Jassy said on Monday the company would hire more workers this year.", None),
    ("Booking.com Chief Executive Glenn Fogel said demand remained strong in the quarter.", None),
    ("Since March 1, 2020 Amazon.com Inc has hired more than 400,000 workers across the country.", None),
    ("On June 27, 2017 AP Moller-Maersk was hit by a cyber attack that shut its systems down.", None),
    ("The report was published on January 19, 2015 by the council, which said - as before - nothing new.", None),
])
def test_a_credit_glued_before_the_first_sentence_is_not_the_digest(first, want):
    from summarize.digest.furniture import without_credit

    assert without_credit(first) == (want if want is not None else first)


@pytest.mark.parametrize("line", ["By Matt Cantor Published January 19, 2015 Newser",
                                  "Juan Williams By Juan WilliamsPublished January 19, 2015 FoxNews.com",
                                  "Posted on March 3, 2021 by the desk"])
def test_a_byline_with_its_date_is_furniture(line):
    assert is_boilerplate(line, opening=True)


@pytest.mark.parametrize("line", [
    "LIRE AUSSI | Le ministre démissionne après un scandale de notes de frais et d'autres affaires",
    "MIRA | Kenji Fujimori: PJ concluye con interrogatorio a testigos del caso de compra de votos",
    "Leer más: El ministro dimite tras un escándalo", "Lees ook: Minister treedt af na schandaal",
    "Article mis à jour le 7 janvier 2020.", "Artículo actualizado el 7 de enero de 2020.",
    "Aktualisiert am 3. Mai 2021, 10:02", "Article updated on 7 January 2020.",
    "Accueil > Actualités et humeurs > Décisions de l’AG Éducation IDF du mardi 10 septembre",
    "Home > News > World",
    '{{nrco.contentDetailController.content.status === "published" ? "Contenu publié" : "Inconnu"}}',
    "Set CNA as your preferred source on Google",
])
def test_furniture_in_other_languages_breadcrumbs_and_template_code(line):
    # trafilatura's test pages (French, Spanish, Dutch, German) kept these in their digests
    assert is_boilerplate(line, opening=True)


@pytest.mark.parametrize("line", [
    "Mira que te lo dije, contestó el ministro ante la prensa el lunes por la tarde.",
    "Le prix est passé de 10 > 5 > 2 euros en trois ans, selon l'Insee, ce qui est une baisse nette.",
    "Publié en 1998, le roman a été traduit dans plus de trente langues depuis sa sortie.",
    "Publié en 2019, le rapport pointait déjà ces failles.", "Publicado en 1967, el libro cambió todo.",
    "Pubblicato il 5 maggio, il rapporto è chiaro.", "Veröffentlicht am Montag, zeigt der Bericht Lücken.",
    "One editor added a {{citation needed}} tag to the paragraph about the dam.",
])
def test_prose_that_starts_like_furniture_in_other_languages_is_kept(line):
    assert not is_boilerplate(line)


def test_an_agency_on_a_line_of_its_own_before_the_first_sentence_is_not_digested():
    # Fox News pages saved as text, 2010: "Updated ...", the headline, "AP" on its own line, the story
    from summarize.digest.furniture import prose_sentences
    from summarize.read.text import read_text
    from summarize.split import fill_sentences

    article = fill_sentences(read_text(
        "Updated January 06, 2010\nDeparture of Dorgan Unsettles Senate Democrats\nAP\nSen. Byron Dorgan's announcement "
        "Tuesday means Democrats will have to defend open seats.\n\nReuters News Agency reported the complaint on Monday.\n", "t.txt"))
    assert article.title == "Departure of Dorgan Unsettles Senate Democrats"
    assert prose_sentences(article) == ["Sen. Byron Dorgan's announcement Tuesday means Democrats will have to defend open seats.",
                                        "Reuters News Agency reported the complaint on Monday."]


def test_a_short_line_given_twice_is_digested_once():
    from summarize.digest.furniture import prose_sentences
    from summarize.read.text import read_text
    from summarize.split import fill_sentences

    article = fill_sentences(read_text("A note\n\nIt has a few sentences. It has a few sentences. The second one is "
                                       "different from the first.\n", "t.txt"))
    assert prose_sentences(article) == ["It has a few sentences.", "The second one is different from the first."]



def test_a_caption_above_its_credit_line_is_not_digested():
    from summarize.digest.furniture import prose_sentences
    from summarize.read.text import read_text
    from summarize.split import fill_sentences

    # a Zulu story's lead image: its description, then "Image: ..." (the caption was the digest's lede)
    article = fill_sentences(read_text(
        "Kubukeka kukude phambili amaphara eThekwini\n\nAdaze inkani amaphara eThekwini\n\nImage: eThekwini Municipality / "
        "Facebook\n\nLUSELUDE ukhalo ngempi yokuqedwa inkinga yemilutha yewunga enkabeni yeTheku.\n", "t.txt"))
    assert prose_sentences(article) == ["LUSELUDE ukhalo ngempi yokuqedwa inkinga yemilutha yewunga enkabeni yeTheku."]
    # a Chinese caption with its agency's credit in the same line
    article = fill_sentences(read_text(
        "共享充电宝涨价告别1元时代\n\n共享充电宝。视觉中国 资料\n\n吴翔宇自称是共享充电宝的长期用户，他习惯了外出时租借充电宝。\n", "t.txt"))
    assert prose_sentences(article) == ["吴翔宇自称是共享充电宝的长期用户，他习惯了外出时租借充电宝。"]
    # a paragraph of the story before a picture's credit is longer than a caption
    story = ("The council said on Friday that the road would stay closed for three more weeks while crews repair "
             "the bridge, and that buses would take the longer route through the old town until then.")
    article = fill_sentences(read_text(f"Road closed\n\n{story}\n\nPhoto: City of Durban\n\nMore follows here today.\n", "t.txt"))
    assert story in prose_sentences(article)


def test_a_feed_entry_that_is_only_its_footer_has_nothing_to_digest():
    # a Reddit link post: its body is "submitted by /u/... to /r/... [link] [N comments]", nothing else
    from summarize.digest.furniture import prose_sentences
    from summarize.read.feed import read_feed
    from summarize.split import fill_sentences

    rss = ("<rss version='2.0'><channel><title>r/news</title><item><title>Big story</title>"
           "<link>https://www.reddit.com/r/news/1</link><description>&lt;table&gt;&lt;tr&gt;&lt;td&gt; submitted by "
           "&lt;a href='https://www.reddit.com/user/x'&gt; /u/x &lt;/a&gt; to &lt;a href='https://www.reddit.com/r/news/'&gt;"
           " r/news &lt;/a&gt; &lt;br/&gt; &lt;span&gt;&lt;a href='https://example.org/story'&gt;[link]&lt;/a&gt;&lt;/span&gt;"
           " &lt;span&gt;&lt;a href='https://www.reddit.com/r/news/1'&gt;[8532 comments]&lt;/a&gt;&lt;/span&gt;"
           "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</description></item></channel></rss>")
    [article] = list(read_feed(rss, "reddit.rss"))
    assert prose_sentences(fill_sentences(article)) == []
    post = ("<rss version='2.0'><channel><title>Blog</title><item><title>Launch</title><link>https://example.org/1</link>"
            "<description>&lt;p&gt;We launched the new site today after a year of work.&lt;/p&gt;&lt;p&gt;The post Launch "
            "appeared first on Example Blog.&lt;/p&gt;</description></item></channel></rss>")
    [article] = list(read_feed(post, "blog.rss"))
    assert prose_sentences(fill_sentences(article)) == ["We launched the new site today after a year of work."]


# The shape of a feed entry that carries the page as scraped (a real one, CNA's feeds, 2026): section,
# headline, a photo caption with its agency credit, a stamp, tool labels, calls to action, then the story.
CAPTIONED = ("<rss version='2.0'><channel><title>World</title><item><title>Iran condemns US plans to announce new sanctions"
             "</title><link>https://example.com/iran</link><content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
             "&lt;p&gt;Advertisement&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;"
             "&lt;p&gt;An Iranian missile system is displayed in Azadi Square in Tehran, Iran, July 30, 2026. "
             "Majid Asgaripour/WANA (West Asia News Agency) via REUTERS&lt;/p&gt;"
             "&lt;p&gt;23 Aug 2026 04:33AM&lt;/p&gt;&lt;p&gt;Share&lt;/p&gt;&lt;p&gt;WhatsApp&lt;/p&gt;"
             "&lt;p&gt;Add CNA as a trusted source to help Google better understand and surface our content in search results.&lt;/p&gt;"
             "&lt;p&gt;Read a summary of this article on FAST.&lt;/p&gt;"
             "&lt;p&gt;CAIRO: Iran on Saturday denounced US plans to announce new sanctions that could put further strain on "
             "its economy. The sides are not firing at each other but show no sign of pursuing peace talks.&lt;/p&gt;"
             "&lt;p&gt;Iranians drive past a billboard in Tehran, on May 28, 2026. (File photo: AFP)&lt;/p&gt;"
             "&lt;p&gt;Oil shipments are at a virtual standstill in the Strait of Hormuz, and the economy is already under "
             "pressure.&lt;/p&gt;</content:encoded></item></channel></rss>")


@pytest.mark.parametrize("method", ["lead", "embed"])
def test_photo_captions_and_source_prompts_are_not_digested(method):
    from summarize.read.feed import read_feed

    [article] = list(read_feed(CAPTIONED, "world.rss"))
    [digest] = digest_articles([article], method, length=Length(sentences=3))
    assert digest.sentences[0].startswith("CAIRO: Iran on Saturday denounced")
    assert not any(w in s for s in digest.sentences for w in ("displayed", "billboard", "trusted source", "summary of"))


@pytest.mark.parametrize("paragraph, caption", [
    ("Soccer Football - Ligue 1 - Toulouse v Lyon - Stade de Toulouse, France - August 22, 2026 Lyon players celebrate "
     "after the match REUTERS/Alexandre Dimou", True),
    ("FILE PHOTO: Nvidia logo is seen in this illustration taken June 11, 2026. REUTERS/Dado Ruvic/Illustration/File Photo", True),
    ("A port in Busan, South Korea, Aug 20, 2026. (Photo: Yonhap via Reuters)", True),
    ("Arthur Fils celebrates during the Cincinnati Open. Mandatory Credit: Aaron Doster-Imagn Images", True),
    ("Protesters gather in Paris on Saturday. AFP via Getty Images", True),
    ("Support fell to 38 percent, according to a Reuters/Ipsos poll.", False),
    ("The statement was sent out via Reuters.", False),
    ("Getty Images declined to comment on the sale of its archive to the museum.", False),
    ("The company told Reuters on Monday that it would appeal the ruling. " * 8 + "REUTERS/Jane Doe", False),  # too long
])
def test_a_paragraph_closed_by_a_photo_credit_is_a_caption(paragraph, caption):
    from summarize.digest.furniture import is_caption

    assert is_caption(paragraph) is caption


def test_lines_every_entry_of_a_feed_carries_are_not_digested():
    from summarize.read.feed import read_feed

    items = "".join(
        f"<item><title>Story {i}</title><link>https://example.com/{i}</link><description>"
        f"&lt;p&gt;Get bite-sized news via a new cards interface. Give it a try.&lt;/p&gt;"
        f"&lt;p&gt;{city}: The council of {city} voted on Monday to rebuild the old bridge over the river, "
        f"officials said after a long meeting.&lt;/p&gt;</description></item>"
        for i, city in enumerate(["Leeds", "York", "Bath", "Derby"]))
    articles = list(read_feed(f"<rss version='2.0'><channel><title>News</title>{items}</channel></rss>", "news.rss"))
    digests = list(digest_articles(articles, "lead", length=Length(sentences=2)))
    assert [d.sentences[0].split(":")[0] for d in digests] == ["Leeds", "York", "Bath", "Derby"]
    assert not any("bite-sized" in s or "Give it a try" in s for d in digests for s in d.sentences)
    # a feed of one entry keeps its lines: nothing tells a template from the story
    first = items[: items.index("</item>") + len("</item>")]
    [one] = read_feed(f"<rss version='2.0'><channel><title>News</title>{first}</channel></rss>", "one.rss")
    [alone] = digest_articles([one], "lead", length=Length(sentences=3))
    assert any("bite-sized" in s for s in alone.sentences)


@pytest.mark.parametrize("line", [
    "(Corrects 10th paragraph to show the Wii is from Nintendo, not Sony.)",  # a wire service's version note
    "(Updates with closing prices, adds analyst comment in paragraph 5)",
    "Izaskun Lesaka.",  # a portrait's caption: a name alone
    "Episode Teaser Image:",  # labels whose text is elsewhere
    "Leaked from today's 404 episode:",
    "Podcast: Play in new window | Download",  # a podcast plugin's player line
    "圖為民眾在台北市南港區一家全聯購買雞蛋。",  # a Chinese caption ("the picture shows ...")
    "中央社記者張新偉攝 112年2月16日",  # and its photo credit
    "Updated August 02, 2014.",  # a stamp with the month written out
    "You must be signed in to change notification settings",  # GitHub's page furniture
    "31. Oktober 2023.",  # a date alone
    "3. August 2015 · Filed under ziemlich privat",  # a blog theme's date and category
    "Monday, 3 May 2021",
    "Warning: Use of undefined constant trackbacks - assumed 'trackbacks' (this will throw an Error in a future version of "
    "PHP) in /homepages/15/d39327265/htdocs/wp-content/themes/x/comments.php on line 12",  # the server's PHP notice
    "[ ‘Seguiremos atacando ministerios hasta que su Gobierno nos pague’: La amenaza de Conti a Costa Rica ]",  # a link card
    "Log in to comment.",
    # teasers the site cut off, with their marker
    'Project description: "Pilot for a tv drama series based on characters from Phantom of the Opera, run by Meg & Th...more',
    "The council met on Tuesday to discuss the budget and agreed to raise the parking fees in the old town [&hellip;]".replace("&hellip;", "…"),
    "Die Stadt plant einen neuen Radweg entlang des Flusses, der bis 2027 fertig sein soll... Weiterlesen »",
    # a dateline, a credit and two stamps in one line
    "Ottawa — From Tuesday's Globe and Mail Published on Tuesday, Mar. 09, 2010 2:28AM EST Last updated on Monday, Mar. 22, 2010 6:49PM EDT",
    "Written or reviewed by a board-certified physician.",
    "See About.com's Medical Review Board.",  # a pointer to another page by its title
    "On the list of President Barack Obama's new Cuba policy are legalized Cuban cigars,",  # a teaser cut off
    "Discarded Laptop Batteries Keep the Lights On",  # the story's other headline, opening its body
    "The article you requested has been archived",  # a notice under the teaser the site still shows
])
def test_notes_captions_and_labels_found_on_real_pages(line):
    assert is_boilerplate(line, opening=True)


@pytest.mark.parametrize("line", [
    "(The government report includes the 800,000 bbl., which somewhat inflates its numbers.)",
    "All of them.",
    "He said the following on Monday about the plan:",  # longer than a label
    "（中央社記者溫貴香台北21日電）行政院副院長鄭文燦今天表示，這一波是全球性的雞蛋減產的問題。",  # a dateline, then the story
    "Apple responds.",
    "Updated maps show the route the convoy took on Monday.",
    "Published maybe three times, the letter still reached few readers.",
    "See you there.",
    "Reviewed by the board, the plan passed.",
    "Arsenal win 4-2 on penalties after a goalless draw",  # a standfirst opening the body
    "Posted on the forum at 10:30, the note was read by thousands before the club replied to it.",
    "He paused and said he wanted more...",  # an ellipsis of the story's own
    "She looked at the plate and wanted... more.",
    "You must be signed in to a bank's app to see the new limit, the regulator said.",
    "May 2021 was the wettest month on record.",
    "Warning: the road is closed in the morning.",
    "Posted in the lobby at 9:00, the notice listed the new opening hours for the library and its cafe.",
    "Category 5 hurricane makes landfall in Puerto Rico",
])
def test_prose_like_those_notes_is_kept(line):
    assert not is_boilerplate(line, opening=True)


@pytest.mark.parametrize("line, title, repeated", [
    # the page's <h1> with a kicker, under a shorter title: the headline again
    ("Premier League Rückschlag im Titelkampf - Liverpool verliert bei Everton", "Liverpool verliert bei Everton", True),
    ("PolitiFact’s guide to understanding tariffs and international trade", "PolitiFact’s guide to understanding tariffs and trade", True),
    ("Climate change: Labor on track to hit 2030 target as Chris Bowen heralds ‘pragmatic’ approach to energy shift",
     "Labor on track to hit 2030 target, says Bowen", True),
    # a lede that restates its headline ends with a full stop: the story's first sentence
    ("Apple says Steve Jobs is resigning as CEO, effective immediately.", "Apple says Steve Jobs resigning as CEO", False),
    # an opening question or exclamation of the story's own
    ("Business focus is why some people are able to build the online business they dream of while others never do?",
     "Business Focus: Do You Have What It Takes to Build a Business Online?", False),
    ("With notes of cinnamon, nutmeg, ginger, and clove, this honey pear jam recipe will have you spreading cheer!",
     "Spiced Honey Pear Jam Recipe", False),
    ("Who is Man City star Phil Foden’s girlfriend, Rebecca Cooke?", "Who is Man City star Phil Foden’s girlfriend Rebecca Cooke?", True),
    ("Who is Man City star Phil Foden’s girlfriend Rebecca Cooke?", "Who is Phil Foden’s girlfriend Rebecca Cooke?", False),
    # a piece of the headline, which the page split into two sentences
    ("Yangınlarda son durum!", "Türkiye'de orman yangınları! Yangınlarda son durum! - Güncel haberler", True),
    ("Il Nyt: «Su Cecilia Sala la premier ha premuto aggressivamente»",
     "Giorgia Meloni vola da Donald Trump a Mar-a-Lago. Il Nyt: «Su Cecilia Sala la premier ha premuto aggressivamente»", True),
    ("フジテレビ問題でスポーツ界にも大激震！",
     "フジテレビ問題でスポーツ界にも大激震！協賛企業\"総スカン\"で各競技団体のビジネスモデル完全崩壊へ｜日刊ゲンダイDIGITAL", True),
    # a Japanese headline without the name the title adds
    ("イオン銀行社長解任、金融庁処分で 持ち株社長も引責", "イオン銀行の小林裕明社長解任、金融庁処分で 持ち株社長も引責", True),
    ("金融庁", "イオン銀行の小林裕明社長解任、金融庁処分で 持ち株社長も引責", False),  # too short a piece to tell
    # accents written in one and not the other
    ("DOW Jones – Jahresendrally adé?", "DOW Jones - Jahresendrally ade?! - Tagesanalyse", True),
    # a Chinese sentence ends with its own full stop: the story's first sentence, though it says the headline's words
    ("4月24日，习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信，在会场内外引发热烈反响。",
     "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向", False),
    # the page's header in one line: the headline, a time stamp and a byline before the first quote
    ("王文：中美贸易“持久战”，中国人的斗志被激发 最后更新: 2019-09-07 09:27:48 【文/观察者网专栏作者 王文】 “中美贸易战正在变成一场持久战。”",
     "王文：中美贸易“持久战”，中国人的斗志被激发", True),
])
def test_the_headline_in_another_version_is_not_a_sentence_of_the_digest(line, title, repeated):
    from summarize.digest.furniture import repeats_title

    assert repeats_title(line, title) is repeated


@pytest.mark.parametrize("line", [
    "Pictured right, is reader Nicole Bresler, from Burgundy Estate in Durbanville, speaking to a novelist.",
    "原标题：视界丨这个中国人习以为常的地方 为何老外却说“了不得”？",
    "【免责声明】本文仅代表作者本人观点，与和讯网无关。",
])
def test_captions_and_notes_of_other_sites(line):
    assert is_boilerplate(line, opening=True)


def test_a_disclaimer_paragraph_goes_whole():
    from summarize.digest.furniture import is_caption

    assert is_caption("【免责声明】本文仅代表作者本人观点，与和讯网无关。请读者仅作参考，并请自行承担全部责任。")
