"""``{{ reason|shown_reason }}``: a reason in the history in the reader's language.

The services store the reasons they write themselves ("Deelname vastgelegd", a phase name)
as their Dutch text, marked for translation with ``gettext_noop``; shown here they are looked
up in the catalogue. A reason a user typed has no translation and is shown as typed.
"""
from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def shown_reason(reason) -> str:
    return gettext(reason) if reason else ""
