"""Who sees what of the learning cycle: evaluations to every signed-in user of a partner that
took part (and the programme: stuurgroep, coördinator, FG); lessons to every signed-in user,
except those the privacy officer hid (the FG still sees them)."""
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_projects or user.is_privacy_officer:
            return self.all()
        return self.filter(project__participations__partner_id=user.partner_id).distinct()


class LessonQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self if user.is_privacy_officer else self.filter(hidden=False)

    def search(self, words: str):
        """Lessons matching ``words``, best first. On PostgreSQL: full-text search in Dutch
        (stemming: "huisbezoeken" finds "huisbezoek"), over a GIN index; elsewhere (the demo
        on SQLite) every word as a substring."""
        words = (words or "").strip()
        if not words:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

            query = SearchQuery(words, config="dutch", search_type="websearch")
            vector = RawSQL(SEARCH_VECTOR, [], output_field=SearchVectorField())
            # Aliases, not annotations: the vector and the rank order the rows and are not read.
            return (self.alias(vector=vector, rank=SearchRank(vector, query))
                    .filter(vector=query).order_by("-rank", "-created_at"))
        condition = Q()
        for word in words.split():
            condition &= Q(text__icontains=word) | Q(theme__icontains=word)
        return self.filter(condition)


# The stored Dutch text vector of theme and text, with a GIN index (migration 0003; PostgreSQL
# only, so the model does not declare it).
SEARCH_VECTOR = '"learning_lesson"."search_vector"'
