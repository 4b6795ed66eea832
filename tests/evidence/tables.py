"""Reading the evidence table as a reader (or a screen reader) does."""

from tests.pages import parse


def evidence_section(response):
    return parse(response).find("section", id="evidence")


def read_table(table):
    """(column headers, {row header: [cell text, ...]}) of a table whose first row
    names the columns and whose rows start with a header cell."""
    columns = [th.text for th in table.find("thead").find_all("th", scope="col")]
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        header = row.find("th", scope="row")
        rows[header.text] = [cell.text for cell in row.find_all("td")]
    return columns, rows


def row_links(table, header):
    """[(href, text)] of the links in the row with this header cell."""
    for row in table.find("tbody").find_all("tr"):
        if row.find("th", scope="row").text == header:
            return row.links()
    raise AssertionError(f"no row {header!r}")
