"""A second factor asked by the organisation's own provider counts as the portal's."""

SESSION_MFA = "lsi_sso_mfa"


class ProviderSecondFactorMiddleware:
    """After ``django_otp``'s middleware: when this session's sign-in through a provider carried
    an MFA claim (``amr``/``acr``, see ``IdentityProvider.counts_as_mfa``), the user is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_as = request.session.get(SESSION_MFA)
        if signed_in_as is not None and request.user.is_authenticated and request.user.pk == signed_in_as:
            request.user.is_verified = lambda: True
        return self.get_response(request)
