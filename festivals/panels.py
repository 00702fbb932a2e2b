"""What festivals adds to other apps' pages through core's slots (registered in FestivalsConfig.ready):

- the festival panel of a film's page: the film's selections and awards for every reader; its
  premiere status, public screenings and festival submissions for its producer and agency admins;
- the dashboard's festivals panel: a producer's submissions by status and the next deadlines
  of followed festivals; for agency admins, the decisions and proposals waiting.
"""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.rules import is_agency_admin, is_producer
from festivals import rules as r
from festivals import selectors
from festivals.enums import ProposalStatus, SubmissionStatus
from festivals.forms import ScreeningForm
from festivals.models import Screening
from festivals.premiere import PremiereStatus
from films.models import Film

DASHBOARD_DEADLINES = 3
SCREENING_DELETE_CONSEQUENCE = _(
    "The screening leaves the film's record, and the film's premiere status is worked out again without it: "
    "festivals that ask for a premiere may then accept the film where they did not before, or the reverse."
)

PREMIERES = (
    ("world", _("World premiere")),
    ("international", _("International premiere")),
    ("asian", _("Asian premiere")),
    ("european", _("European premiere")),
    ("north_american", _("North American premiere")),
)


def premiere_rows(status: PremiereStatus) -> list[tuple[str, bool]]:
    return [(label, getattr(status, name)) for name, label in PREMIERES]


def festival_panel(request: HttpRequest, film: Film) -> dict | None:
    user = request.user
    history = list(selectors.film_festival_history(film=film))
    insider = user.has_perm("festivals.view_premiere_status", film)
    if not history and not insider:
        return None
    context: dict = {"film": film, "history": history, "insider": insider}
    if insider:
        status = selectors.film_premiere_status(film=film)
        context.update(
            premieres=premiere_rows(status),
            screened_in=sorted(status.screened_in),
            screenings=list(
                Screening.objects.filter(film=film).select_related("edition__festival").order_by("-screened_on", "-id")
            ),
            submissions=list(
                selectors.submission_list_visible_to(user=user)
                .filter(film=film)
                .select_related("section__edition__festival")
                .order_by("-section__edition__starts_on", "-id")
            ),
            editor=r.can_change_record.test(user, film),
        )
        if context["editor"]:
            context["form"] = ScreeningForm(auto_id="screening_%s")
            context["delete_consequence"] = SCREENING_DELETE_CONSEQUENCE
    return context


def festival_dashboard_panel(request: HttpRequest) -> dict:
    """What the dashboard's festivals panel shows this user (a fixed number of queries)."""
    user = request.user
    data: dict = {}
    if is_producer(user):
        counts = selectors.submission_status_counts(user=user)
        data["summary"] = [
            (value, label, counts[value]) for value, label in SubmissionStatus.choices if counts.get(value)
        ]
        data["deadlines"] = list(
            selectors.deadline_list_upcoming(
                after=timezone.now(), festivals=selectors.festival_list_followed_by(user=user)
            )[:DASHBOARD_DEADLINES]
        )
    if is_agency_admin(user):
        counts = selectors.submission_status_counts(user=user)
        data["waiting"] = counts.get(SubmissionStatus.SUBMITTED, 0) + counts.get(SubmissionStatus.UNDER_REVIEW, 0)
        data["proposals"] = selectors.proposal_list_visible_to(user=user).filter(status=ProposalStatus.PROPOSED).count()
    return data
