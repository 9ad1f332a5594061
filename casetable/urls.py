from django.urls import path

from . import outcome_views, views

app_name = "casetable"

urlpatterns = [
    # Verwonderadressen and the casustafel of a project (projectleider only).
    path("projecten/<int:pk>/verwonderadressen/", views.flagged, name="flagged"),
    path("projecten/<int:pk>/verwonderadressen/selectie/", views.flagged_select, name="flagged_select"),
    path("projecten/<int:pk>/verwonderadressen/keuze/", views.flagged_choose, name="flagged_choose"),
    path("projecten/<int:pk>/verwonderadressen/uitzondering/", views.exception_add, name="exception_add"),
    path("projecten/<int:pk>/casustafel/", views.overview, name="overview"),
    path("projecten/<int:pk>/casustafel/selectieregel/", views.rule_set, name="rule"),
    path("projecten/<int:pk>/casustafel/afsluiten/", views.close_case_table, name="close_case_table"),
    path("projecten/<int:pk>/uitvoering/afsluiten/", views.close_execution, name="close_execution"),
    path("projecten/<int:pk>/casustafel/export.csv", views.export_list, {"fmt": "csv"}, name="export_csv"),
    path("projecten/<int:pk>/casustafel/export.xlsx", views.export_list, {"fmt": "xlsx"},
         name="export_xlsx"),
    path("casustafels/<int:session_pk>/", views.session_detail, name="session"),
    path("agendapunten/<int:item_pk>/", views.item_detail, name="item"),
    path("agendapunten/<int:item_pk>/toetsing/", views.item_tests, name="item_tests"),
    path("agendapunten/<int:item_pk>/risico/", views.item_risk, name="item_risk"),
    path("agendapunten/<int:item_pk>/besluit/", views.item_decide, name="item_decide"),
    path("agendapunten/<int:item_pk>/interventies/", views.intervention_add, name="intervention_add"),
    path("interventies/<int:intervention_pk>/verwijderen/", views.intervention_remove,
         name="intervention_remove"),
    path("agendapunten/<int:item_pk>/zorgmelding/", views.care_referral_add, name="care_referral_add"),
    path("zorgmeldingen/<int:referral_pk>/verwijderen/", views.care_referral_remove,
         name="care_referral_remove"),
    # The selection dossier (projectleider only).
    path("agendapunten/<int:item_pk>/dossier/", views.dossier_page, name="dossier"),
    path("agendapunten/<int:item_pk>/dossier/pdf/", views.dossier_pdf, name="dossier_pdf"),
    path("dossier-pdf/<int:pdf_pk>/status/", views.pdf_status, name="pdf_status"),
    path("dossier-pdf/<int:pdf_pk>/download/", views.pdf_download, name="pdf_download"),
    # Control assignments (projectleider: all; partner users: their own partner's).
    path("projecten/<int:pk>/controleopdrachten/", views.assignment_list, name="assignments"),
    path("controleopdrachten/<int:assignment_pk>/", views.assignment_detail, name="assignment"),
    # Zorgmeldingen (projectleider and the gemeente taking part).
    path("projecten/<int:pk>/zorgmeldingen/", views.care_referral_list, name="care_referrals"),
    # Outcomes reported back (executing partner and projectleider; the gemeente for zorgmeldingen).
    path("projecten/<int:pk>/uitkomsten/", outcome_views.outcome_list, name="outcomes"),
    path("interventies/<int:intervention_pk>/uitkomst/", outcome_views.outcome_detail, name="outcome"),
    path("zorgmeldingen/<int:referral_pk>/uitkomst/", outcome_views.care_outcome, name="care_outcome"),
]
