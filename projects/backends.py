"""Signing in with a username and password (Django's ``ModelBackend``), and loading the
signed-in user on each request with their partner in the same query: every page names the
partner in its header, so reading it apart would be a second query on every request."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("partner").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
