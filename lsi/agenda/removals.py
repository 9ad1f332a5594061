"""The coördinator's list of the agenda's targets, each with its remove form, built in Python:
one join of strings instead of a template loop with a form per target (a hundred targets made
that loop a sixth of the page's time). The markup is that of ``agenda/_remove.html``; every
text is escaped by ``format_html``."""
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# 0 year, 1 target in words, 2 number, 3 form action, 4 CSRF token, 5 reason field, 6 button text
ITEM = ('<li>{0}: {1} – {2} <form method="post" novalidate action="{3}" class="lsi-inline-form">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{4}">{5}'
        '<button type="submit" class="utrecht-button utrecht-button--subtle">{6}</button></form></li>')
REASON = ('<label class="utrecht-form-label" for="reason-doel-{pk}">{label}</label> '
          '<input id="reason-doel-{pk}" class="utrecht-textbox" name="reason" maxlength="500"> ')


def target_list(request, agenda, years: list[dict]) -> SafeString:
    """``years``: the progress's years (``progress.agenda_progress``), whose rows hold the targets."""
    token = get_token(request)
    # One reverse for the whole list: the target's id is the only part of the address that differs.
    before, after = reverse("agenda:part_remove", args=[agenda.pk, "doel", 0]).rsplit("/0/", 1)
    reason_label = _("Reden")

    def item(target) -> tuple:
        reason = format_html(REASON, pk=target.pk, label=reason_label) if agenda.is_adopted else ""
        return (target.year, target.label, target.number, f"{before}/{target.pk}/{after}", token,
                reason, _("%(name)s verwijderen") % {"name": target})

    items = format_html_join("", ITEM, (item(row["target"]) for year in years for row in year["rows"]))
    return format_html('<ul class="utrecht-unordered-list">{}</ul>', items)
