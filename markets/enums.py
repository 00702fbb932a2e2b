"""The markets app's choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MarketFocus(models.TextChoices):
    """What a market trades (a market may trade several)."""

    FEATURES = "features", _("Feature films")
    TV = "tv", _("TV and series")
    ANIMATION = "animation", _("Animation")
    DOCUMENTARIES = "documentaries", _("Documentaries")
