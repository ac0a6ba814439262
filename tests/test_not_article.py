"""Pages that are not articles are skipped with a reason; real-shaped articles with banners are kept."""

from __future__ import annotations

import re

import pytest

from summarize.errors import InputError
from summarize.read import html as html_reader
from summarize.read.html import read_html

from conftest import run_cli

STORY = " ".join([
    "The city council voted on Tuesday to close the old bridge over the river for repairs that are expected to last two years.",
    "Engineers found cracks in three of the supporting piers during an inspection in March, the council said in a statement.",
    "Traffic will be sent over the northern crossing, which the council expects to add about ten minutes to a typical commute.",
    "Shop owners on the south bank said they feared losing customers, and asked the council for help with their rents.",
    "The mayor said a fund of two million dollars would be set aside for businesses that can show a fall in trade.",
]) + " "


def _page(title: str, body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


NOT_ARTICLES = [
    ("nginx-404", _page("404 Not Found", "<center><h1>404 Not Found</h1></center><hr><center>nginx/1.18.0</center>"),
     "an HTTP error page"),
    ("apache-403", _page("403 Forbidden", "<h1>Forbidden</h1><p>You don't have permission to access this resource.</p>"
                                          "<hr><address>Apache/2.4.41 (Ubuntu) Server at example.com Port 443</address>"),
     "an HTTP error page"),
    ("site-404", _page("Example News", "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><h1>Sorry!</h1>"
                                        "<p>The page you are looking for could not be found. It may have been moved or deleted.</p>"
                                        "<p>Try our <a href='/search'>search</a> or go back to the home page.</p></main>"),
     "an HTTP error page"),
    ("cloudflare", _page("Just a moment...", "<h1>Checking your browser before accessing example.com.</h1>"
                                             "<p>This process is automatic. Your browser will redirect to your requested content shortly.</p>"),
     "an HTTP error page"),
    ("react-app", _page("Example News", "<noscript>You need to enable JavaScript to run this app.</noscript><div id='root'></div>",
                        "<script src='/static/js/main.js'></script>"),
     "a JavaScript wall"),
    ("js-wall", _page("Example News", "<div class='wall'><h2>Please enable JavaScript</h2><p>This site requires JavaScript to work "
                                      "properly. Please turn on JavaScript in your browser settings and reload the page.</p></div>"),
     "a JavaScript wall"),
    ("consent", _page("Before you continue", "<div class='consent'><h1>Before you continue to Example</h1><p>We use cookies and data to "
                                             "deliver and maintain our services, measure audience engagement and show ads. If you choose to "
                                             "accept all, we will also use cookies to develop new services.</p><button>Reject all</button>"
                                             "<button>Accept all</button><a href='/more'>More options</a></div>"),
     "a cookie/consent wall"),
    ("paywall", _page("Bridge to close for two years - Example Times", "<article><h1>Bridge to close for two years</h1><p>The city council "
                      "voted on Tuesday to close the old bridge over the river for repairs.</p><div class='paywall'><h3>Subscribe to continue "
                      "reading</h3><p>Get unlimited access to our journalism for $1 a week. Already a subscriber? Sign in.</p></div></article>"),
     "a paywall stub"),
    ("login", _page("Sign in | Example News", "<form action='/login' method='post'><h1>Sign in to your account</h1><label>Email or "
                                              "username</label><input type='text' name='user'><label>Password</label><input type='password' "
                                              "name='pw'><button>Log in</button><a href='/reset'>Forgot your password?</a></form>"),
     "a login page"),
    ("loading", _page("Example News", "<div id='app'><p>Loading...</p></div>"), "too little text for an article"),
    ("listing", _page("Directory listing for /news/business/", "<h1>Directory listing for /news/business/</h1><hr><ul>"
                      + "".join(f"<li><a href='{i:03d}.txt'>{i:03d}.txt</a></li>" for i in range(500)) + "</ul><hr>"),
     "a directory listing"),
    ("apache-index", _page("Index of /archive", "<h1>Index of /archive</h1><pre>" + "".join(
        f"<a href='story-{i}.html'>story-{i}.html</a>  2015-03-{i % 28 + 1:02d} 10:{i % 60:02d}  12K\n" for i in range(300)) + "</pre>"),
     "a directory listing"),
    ("menu-only", _page("Example News", "<ul><li>Home</li><li>World</li><li>Business</li><li>Sport</li><li>Contact us</li></ul>"),
     "too little text for an article"),
]


@pytest.mark.parametrize("name, page, reason", NOT_ARTICLES, ids=[n for n, _, _ in NOT_ARTICLES])
def test_not_an_article_is_an_input_error_with_its_reason(name, page, reason):
    with pytest.raises(InputError, match=rf"^{name}\.html: not an article: {reason}"):
        read_html(page, f"{name}.html")


ARTICLES = [
    # A cookie banner, a <noscript> note and a "subscribe" box beside a full story: an article.
    ("banners", _page("Bridge to close for two years", "<div class='cookie-banner'>We use cookies to improve your experience. "
                      "<button>Accept all cookies</button></div><noscript>Please enable JavaScript to view the comments.</noscript>"
                      f"<article><h1>Bridge to close for two years</h1><p>{STORY}</p><p>{STORY}</p></article>"
                      "<aside><p>Subscribe to continue reading our newsletters. Already a subscriber? Sign in.</p></aside>")),
    # A story about an error code, titled with a number.
    ("numbers", _page("404 days after the flood, the town reopens", f"<article><p>{STORY}</p><p>The old page saying 404 not found "
                      "on the town website was finally replaced this week.</p></article>")),
    # A radio station's name that starts with a number that is no HTTP status.
    ("station", _page("580 CFRA", f"<article><p>{STORY}</p></article>")),
    # A short brief of a few sentences.
    ("brief", _page("Bridge closes", "<article><p>The old bridge over the river closes on Monday for two years of repairs, "
                    "the city council said.</p></article>")),
]


@pytest.mark.parametrize("name, page", ARTICLES, ids=[n for n, _ in ARTICLES])
def test_real_shaped_articles_are_kept(name, page):
    assert read_html(page, f"{name}.html").paragraphs


def test_a_story_beside_a_widget_the_extractor_took_for_the_main_text_is_read(capsys, monkeypatch):
    # A 2008 local TV page: trafilatura picks the weather box; the wire story stands in a bare table cell.
    story = "".join(f"<br><br>{s}" for s in re.split(r"(?<=\.) ", STORY.strip()))
    page = _page("WVVA - Bluefield, WV", "<table><tr><td><div class='weather'><p>Tuesday 15th of January 2008</p><p>Bluefield, "
                 "WV</p><p>Temperature: 25°</p><p>Currently: Clear</p><p>Full Forecast</p></div></td></tr><tr><td>"
                 f"<font size=2><b>Bridge closes</b>{story}</font></td></tr></table>")
    # what trafilatura returned for the real page (the weather box), whatever it makes of this one
    widget = "Tuesday 15th of January 2008\nBluefield, WV\nTemperature: 25°\nCurrently: Clear\nFull Forecast"
    monkeypatch.setattr(html_reader, "_trafilatura", lambda page: {"text": widget, "title": "WVVA - Bluefield, WV"})
    article = read_html(page, "wvva.html")
    assert "The city council voted on Tuesday to close the old bridge" in article.text
    assert article.meta["extraction"] == "all page text"
    assert "the main text found is too small (13 words); using all the page's text" in capsys.readouterr().err
    # a page with no prose anywhere is still too little text
    menu = _page("Example News", "<ul><li>Home</li><li>World</li><li>Business</li></ul>")
    monkeypatch.setattr(html_reader, "_trafilatura", lambda page: {"text": "Home\nWorld", "title": "Example News"})
    with pytest.raises(InputError, match="too little text"):
        read_html(menu, "menu.html")


def test_a_batch_skips_the_walls_names_them_and_exits_3(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.html").write_text(_page("Bridge to close", f"<article><p>{STORY}</p><p>{STORY}</p></article>"), encoding="utf-8")
    for name, page, _ in NOT_ARTICLES[:5]:
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
    proc = run_cli("split", str(folder))
    assert proc.returncode == 3, proc.stderr_text
    assert "The city council voted on Tuesday" in proc.stdout_text
    lines = proc.stderr_text.splitlines()
    for name, _, reason in NOT_ARTICLES[:5]:
        assert any(f"{name}.html: not an article: {reason}" in line for line in lines), proc.stderr_text
    assert "1 of 6 inputs" in proc.stderr_text and "5 skipped" in proc.stderr_text
    assert "Traceback" not in proc.stderr_text


def test_a_page_template_saved_before_its_script_ran_is_not_an_article():
    from summarize.read.notarticle import not_article_reason

    body = ('{{nrco.contentDetailController.content.status === "published" ? "Contenu publié" : "Inconnu"}}\n'
            "{{nrco.contentDetailController.content.lastUpdateUser.fullName}} - {{nrco.content.lastUpdateTime}}\n"
            "Repartir de la version publiée\nOuvrir le mode avancé\n") * 4 + "Modification de page en cours. Voir la page.\n"
    assert "a page template" in not_article_reason("<html></html>", [None], body)
    story = ("The council approved the new harbour barrier on Monday after a long debate. " * 6
             + "Its code reads {{ price }} in one place, which the article quotes.")
    assert not_article_reason("<html></html>", [None], story) is None

