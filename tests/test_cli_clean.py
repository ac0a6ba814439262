"""``summarize clean`` end to end: the real command on real files and stdin."""

from __future__ import annotations

import json


def test_seed_json_reports_lines_9_10_11_repeating_line_2(cli, seed):
    proc = cli("clean", str(seed), "--format", "json")
    assert proc.returncode == 1, proc.stderr_text
    data = json.loads(proc.stdout_text)
    assert [r["line"] for r in data["removed"]] == [9, 10, 11]
    assert {r["duplicate_of"]["line"] for r in data["removed"]} == {2}
    assert data["title"].startswith("Chinese AI Firm iFlyTek")
    assert [p["line"] for p in data["paragraphs"]] == [2, 3, 4, 5, 6, 7, 8, 12]
    assert all(set(r) >= {"line", "text", "duplicate_of", "similarity"} for r in data["removed"])


def test_explain_goes_to_stderr_and_text_to_stdout(cli, seed):
    proc = cli("clean", str(seed), "--explain")
    assert proc.returncode == 1
    lines = proc.stderr_text.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{seed}:9: repeats line 2 (similarity 0.")
    assert ': "iFlyTek trains its large language models (LLMs) exclusively…" ~ "iFlyTek trains its' in lines[0]  # both texts
    assert "Source: SCMP" in proc.stdout_text
    assert "exclusively on a home-grown" not in proc.stdout_text


def test_stdin_and_output_file(cli, seed, tmp_path):
    out = tmp_path / "clean.txt"
    proc = cli("clean", "-", "-o", str(out), input=seed.read_bytes())
    assert proc.returncode == 1, proc.stderr_text
    assert proc.stdout_text == ""
    assert out.read_text(encoding="utf-8").count("iFlyTek trains its large language models") == 1


def test_jsonl_input_gives_one_json_line_per_article(cli, fixtures, seed, tmp_path):
    record = json.loads((fixtures / "clean" / "bbc_no_repeats.jsonl").read_text(encoding="utf-8"))
    seeded = {"id": "seed", "title": "iFlyTek", "text": seed.read_text(encoding="utf-8").split("\n", 1)[1]}
    src = tmp_path / "two.jsonl"
    src.write_text(json.dumps(record) + "\n" + json.dumps(seeded) + "\n", encoding="utf-8")
    proc = cli("clean", str(src), "--format", "jsonl")
    assert proc.returncode == 1, proc.stderr_text
    rows = [json.loads(line) for line in proc.stdout_text.splitlines()]
    assert [r["id"] for r in rows] == [record["id"], "seed"]
    assert rows[0]["removed"] == []
    assert [r["line"] for r in rows[1]["removed"]] == [8, 9, 10]  # lines of the record's text


def test_bad_inputs_are_one_line_exit_2(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for path in (str(tmp_path / "missing.txt"), str(empty), str(binary)):
        proc = cli("clean", path)
        assert proc.returncode == 2, path
        assert len(proc.stderr_text.strip().splitlines()) == 1
        assert "Traceback" not in proc.stderr_text
    proc = cli("clean", "--threshold", "2", str(empty))
    assert proc.returncode == 2


def test_cli_defaults_are_the_library_defaults(cli, tmp_path):
    # A 7-word sentence repeated: the library default (min_words=8) leaves it; --min-words 5 removes it.
    text = "Title line\n\nThe vote was held on Tuesday night.\n\nMore text follows here for the readers today.\n\nThe vote was held on Tuesday night.\n"
    src = tmp_path / "short.txt"
    src.write_text(text, encoding="utf-8")
    assert json.loads(cli("clean", str(src), "--format", "json").stdout_text)["removed"] == []
    removed = json.loads(cli("clean", str(src), "--format", "json", "--min-words", "5").stdout_text)["removed"]
    assert [r["line"] for r in removed] == [7]


def test_a_windows_file_keeps_its_crlf_line_ends(cli, seed, tmp_path):
    lf = cli("clean", str(seed)).stdout
    crlf_input = tmp_path / "windows.txt"
    crlf_input.write_bytes(seed.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    proc = cli("clean", str(crlf_input))
    assert proc.returncode == 1, proc.stderr_text
    assert proc.stdout == lf.replace(b"\n", b"\r\n")  # the same cut, the file's own line ends
    assert b"exclusively on a home-grown" not in proc.stdout


def test_json_report_shows_markdown_paragraphs_without_the_blanked_markup(cli, tmp_path):
    md = tmp_path / "rates.md"
    md.write_text("# Rates\n\nThe **central bank** raised [interest rates](https://x.example/rates) by half a point.\n")
    proc = cli("clean", str(md), "-f", "json")
    assert proc.returncode == 0, proc.stderr_text
    [para] = json.loads(proc.stdout_text)["paragraphs"]
    assert para == {"line": 3, "text": "The central bank raised interest rates by half a point."}


def test_a_repeated_list_item_goes_with_its_bullet(cli, tmp_path):
    md = tmp_path / "budget.md"
    md.write_text("# Budget\n\nThe council approved a new budget for the city schools on Monday evening.\n\n"
                  "- The council approved a new budget for the city schools on Monday evening.\n"
                  "- Parks get more money.\n")
    proc = cli("clean", str(md))
    assert proc.returncode == 1, proc.stderr_text
    assert proc.stdout_text == ("# Budget\n\nThe council approved a new budget for the city schools on Monday evening."
                                "\n\n- Parks get more money.\n")


def test_exit_status_says_whether_repeats_were_removed(cli, seed, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("One sentence that says something about the harbour barrier.\n\nAnother about the council vote.\n")
    assert cli("clean", str(plain)).returncode == 0  # done, nothing repeated
    assert cli("clean", str(plain), str(seed)).returncode == 1  # the seed restates its lead
    (tmp_path / "empty.txt").write_text("")
    proc = cli("clean", str(plain), str(seed), str(tmp_path / "empty.txt"))
    assert proc.returncode == 3 and "empty.txt" in proc.stderr_text  # a skip wins over repeats


def test_explain_quotes_the_part_of_a_longer_original_that_is_repeated(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Report\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit. Tempor incididunt ut labore et "
                   "dolore magna aliqua, the council said on Monday.\n\nTempor incididunt ut labore et dolore magna "
                   "aliqua, the council said on Monday.\n")
    proc = cli("clean", str(src), "--explain", "-o", str(tmp_path / "out.txt"))
    assert proc.returncode == 1
    assert proc.stderr_text.strip().endswith('~ "…Tempor incididunt ut labore et dolore magna aliqua, the cou…"')
