"""check_retractions and the warnings readers and editors see."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import Reference
from tests.builders import make_article, make_reference
from tests.pages import parse

pytestmark = pytest.mark.django_db

HEADER = "Record ID,Title,OriginalPaperDOI,RetractionDOI,RetractionNature,RetractionDate,Reason\n"


def write_csv(tmp_path, rows, header=HEADER):
    path = tmp_path / "retractions.csv"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return str(path)


def run(path):
    out, err = StringIO(), StringIO()
    call_command("check_retractions", path, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def article():
    article = make_article("Ruxolitinib for vitiligo", body="Trials [1] and more [2].")
    make_reference(article, number=1, doi="10.1056/NEJMoa2118828")
    make_reference(article, number=2, doi="10.1001/other.2023.1")
    return article


def test_flags_the_matching_reference_case_insensitively(tmp_path, article):
    path = write_csv(
        tmp_path,
        [
            "1,Two Phase 3,https://doi.org/10.1056/NEJMOA2118828,10.1056/NEJMx2300001,"
            "Retraction,3/15/2023 0:00,Data",
            "2,Unrelated,10.9999/not.cited,10.9999/notice,Retraction,2023-01-01,x",
        ],
    )

    out, _ = run(path)

    assert out.splitlines()[-1] == "flagged 1, updated 0, unchanged 0"
    flagged = Reference.objects.get(article=article, number=1)
    assert (flagged.notice, flagged.notice_date, flagged.notice_url) == (
        "retracted",
        date(2023, 3, 15),
        "https://doi.org/10.1056/NEJMx2300001",
    )
    other = Reference.objects.get(article=article, number=2)
    assert (other.notice, other.notice_date, other.notice_url) == ("", None, "")


def test_second_run_changes_nothing(tmp_path, article):
    path = write_csv(
        tmp_path, ["1,T,10.1056/nejmoa2118828,10.1056/x1,Expression of concern,2023-05-02,x"]
    )
    run(path)

    out, _ = run(path)

    assert out.splitlines()[-1] == "flagged 0, updated 0, unchanged 1"
    assert Reference.objects.get(article=article, number=1).notice == "concern"


def test_a_graver_notice_updates_and_a_lesser_one_never_unflags(tmp_path, article):
    run(write_csv(tmp_path, ["1,T,10.1056/NEJMoa2118828,10.1/c,Correction,2022-01-01,x"]))
    out, _ = run(write_csv(tmp_path, ["1,T,10.1056/NEJMoa2118828,10.1/r,Retraction,2023-01-01,x"]))
    assert out.splitlines()[-1] == "flagged 0, updated 1, unchanged 0"

    out, err = run(write_csv(tmp_path, ["1,T,10.1056/NEJMoa2118828,10.1/c,Correction,2024-1-1,x"]))

    assert out.splitlines()[-1] == "flagged 0, updated 0, unchanged 1"
    assert "kept" in err
    assert Reference.objects.get(article=article, number=1).notice == "retracted"
    # A file without the paper leaves the flag as it is.
    out, _ = run(write_csv(tmp_path, []))
    assert out.splitlines()[-1] == "flagged 0, updated 0, unchanged 0"
    assert Reference.objects.get(article=article, number=1).notice == "retracted"


def test_a_missing_column_stops_with_a_clear_message(tmp_path, article):
    path = write_csv(tmp_path, [], header="OriginalPaperDOI,RetractionDOI,RetractionDate\n")

    with pytest.raises(CommandError, match="RetractionNature"):
        run(path)


def test_a_missing_file_stops_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "nope.csv"))


def test_bad_rows_are_skipped_with_a_warning(tmp_path, article):
    path = write_csv(
        tmp_path,
        [
            "1,T,10.1056/NEJMoa2118828,10.1/x,Retraction,not a date,x",
            "2,T,10.1001/other.2023.1,10.1/y,Something else,2023-01-01,x",
            "3,T,unavailable,unavailable,Retraction,2023-01-01,x",
        ],
    )

    out, err = run(path)

    assert out.splitlines()[-1] == "flagged 0, updated 0, unchanged 0"
    assert "Line 2: skipped, unreadable date 'not a date'" in err
    assert "Line 3: skipped, unknown RetractionNature 'Something else'" in err
    assert not Reference.objects.exclude(notice="").exists()


def test_the_warning_shows_on_the_article_page(client, tmp_path, article):
    run(write_csv(tmp_path, ["1,T,10.1056/NEJMoa2118828,10.1056/x1,Retraction,3/15/2023 0:00,x"]))

    page = parse(client.get(article.get_absolute_url()))

    box = page.find("aside", cls="reference-warning")
    assert "This article cites a paper that has since been retracted (March 15, 2023)" in box.text
    assert box.links() == [("#ref-1", "reference 1")]
    notice = page.find("li", id="ref-1").find("p", cls="reference-notice")
    assert notice.text.startswith("Retracted March 15, 2023: this paper has been retracted.")
    assert notice.links() == [("https://doi.org/10.1056/x1", "Read the notice")]
    assert page.find("li", id="ref-2").find("p", cls="reference-notice") is None


def test_an_unflagged_article_shows_no_warning(client, article):
    page = parse(client.get(article.get_absolute_url()))

    assert page.find("aside", cls="reference-warning") is None


def test_admin_filter_lists_articles_citing_a_flagged_paper(client, article):
    clean = make_article("Clean article", references=1)
    Reference.objects.filter(article=article, number=2).update(notice="concern")
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "pw"))
    url = reverse("admin:articles_article_changelist")

    flagged = parse(client.get(url, {"cites_flagged": "any"})).find("table", id="result_list")
    retracted = parse(client.get(url, {"cites_flagged": "retracted"}))

    assert article.headline in flagged.text and clean.headline not in flagged.text
    assert retracted.find("table", id="result_list") is None
