"""Flag cited papers that were retracted, corrected or put under an expression of
concern, from a local copy of the Retraction Watch data set (CSV).

Safe to run daily: a reference already carrying the same notice is left as it is,
and a flag is never removed here (a reinstatement or a missing row is reported
for an editor to decide).
"""

import csv
import re
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import DOI_PATTERN, Reference

REQUIRED_COLUMNS = ("OriginalPaperDOI", "RetractionDOI", "RetractionNature", "RetractionDate")
NATURES = {
    "retraction": "retracted",
    "expression of concern": "concern",
    "correction": "corrected",
}
# When one paper has several notices, the gravest wins.
SEVERITY = {"": 0, "corrected": 1, "concern": 2, "retracted": 3}
DATE_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y-%m-%d")
DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalise_doi(value):
    """ "https://doi.org/10.1056/ABC" and "10.1056/abc" are the same DOI."""
    return DOI_PREFIX_RE.sub("", (value or "").strip()).strip().lower()


def parse_date(value):
    value = (value or "").strip()
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"unreadable date {value!r}") from None


class Command(BaseCommand):
    help = (
        "Flag cited references listed in a Retraction Watch CSV (matched by DOI). "
        "Reports flagged, updated and unchanged references; never removes a flag."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, e.g. retraction_watch.csv")

    def handle(self, *args, file, **options):
        notices = self.read_notices(file)
        cited = {}
        for reference in Reference.objects.exclude(doi="").select_related("article"):
            cited.setdefault(normalise_doi(reference.doi), []).append(reference)

        flagged = updated = unchanged = 0
        with transaction.atomic():
            for doi, references in cited.items():
                notice = notices.get(doi)
                if notice is None:
                    continue
                for reference in references:
                    result = self.apply(reference, notice)
                    flagged += result == "flagged"
                    updated += result == "updated"
                    unchanged += result == "unchanged"
        self.stdout.write(f"flagged {flagged}, updated {updated}, unchanged {unchanged}")

    def read_notices(self, path):
        """{normalised DOI: (notice, date, url)} from the file; bad rows are skipped."""
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [
                    name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])
                ]
                if missing:
                    raise CommandError(
                        f"{path} lacks the column(s) {', '.join(missing)}; a Retraction Watch "
                        f"file has {', '.join(REQUIRED_COLUMNS)}."
                    )
                notices = {}
                for row in reader:
                    try:
                        doi, notice = self.read_row(row)
                    except ValueError as error:
                        self.stderr.write(f"Line {reader.line_num}: skipped, {error}.")
                        continue
                    if doi is None:
                        continue
                    known = notices.get(doi)
                    if known is None or (SEVERITY[notice[0]], notice[1] or datetime.min.date()) > (
                        SEVERITY[known[0]],
                        known[1] or datetime.min.date(),
                    ):
                        notices[doi] = notice
                return notices
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text; save the CSV as UTF-8.") from None
        except csv.Error as error:
            raise CommandError(f"{path} is not a readable CSV file: {error}") from None

    def read_row(self, row):
        """(DOI, (notice, date, url)), or (None, None) for a row with nothing to match."""
        doi = normalise_doi(row.get("OriginalPaperDOI"))
        if not doi or doi == "unavailable":
            return None, None
        if not re.match(DOI_PATTERN, doi):
            raise ValueError(f"OriginalPaperDOI {row.get('OriginalPaperDOI')!r} is not a DOI")
        nature = " ".join((row.get("RetractionNature") or "").split()).lower()
        if nature == "reinstatement":
            self.stderr.write(
                f"{doi}: reinstated; any flag on it is kept, an editor can remove it."
            )
            return None, None
        if nature not in NATURES:
            raise ValueError(f"unknown RetractionNature {row.get('RetractionNature')!r}")
        notice_date = parse_date(row.get("RetractionDate"))
        # The notice's DOI keeps its case: it is shown as a link.
        notice_doi = DOI_PREFIX_RE.sub("", (row.get("RetractionDOI") or "").strip()).strip()
        url = f"https://doi.org/{notice_doi}" if re.match(DOI_PATTERN, notice_doi) else ""
        return doi, (NATURES[nature], notice_date, url)

    def apply(self, reference, notice):
        kind, notice_date, url = notice
        current = (reference.notice, reference.notice_date, reference.notice_url)
        if kind == reference.notice:
            # The file may lack what an editor already entered: keep it.
            notice = (kind, notice_date or reference.notice_date, url or reference.notice_url)
        if current == notice:
            return "unchanged"
        if SEVERITY[kind] < SEVERITY[reference.notice]:
            # A correction listed after a retraction does not lift the retraction.
            self.stderr.write(
                f"Reference {reference.number} of “{reference.article}”: kept "
                f"“{reference.get_notice_display()}”, the file says “{kind}”."
            )
            return "unchanged"
        was_flagged = bool(reference.notice)
        reference.notice, reference.notice_date, reference.notice_url = notice
        reference.save(update_fields=["notice", "notice_date", "notice_url"])
        self.stdout.write(
            f"{reference.get_notice_display()}: reference {reference.number} of "
            f"“{reference.article}” (doi:{reference.doi})"
        )
        return "updated" if was_flagged else "flagged"
