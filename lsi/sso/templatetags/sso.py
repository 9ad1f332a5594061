from django import template

from ..models import IdentityProvider

register = template.Library()


@register.inclusion_tag("sso/login_choices.html")
def sso_choices(next_url=""):
    return {"providers": IdentityProvider.objects.for_login(), "next": next_url}
