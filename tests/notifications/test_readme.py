"""The README's table of e-mails stays true: it names every kind the code registers, no other,
and says for each whether it can be switched off as the code decides it."""
import re

from django.conf import settings

from projects import notifications


def readme_kinds() -> dict[str, str]:
    text = (settings.BASE_DIR / "README.md").read_text()
    section = text.split("## Notifications by e-mail", 1)[1].split("\n## ", 1)[0]
    table = section.split("| kind | event | who gets it | can be switched off |", 1)[1]
    rows = {}
    for line in table.strip().splitlines()[1:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        (kind,) = re.fullmatch(r"`(\w+)`", cells[0]).groups()
        rows[kind] = cells[-1]
    return rows


def test_the_readme_lists_every_kind_of_e_mail_and_whether_it_can_be_switched_off():
    rows = readme_kinds()
    assert set(rows) == set(notifications.KINDS)
    for kind, switched_off in rows.items():
        assert switched_off == ("no" if notifications.KINDS[kind].mandatory else "yes"), kind
