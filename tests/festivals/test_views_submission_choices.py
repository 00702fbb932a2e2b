"""A new submission's page: each section names its festival edition (item 9 of issue 9), in
the reader's language; and a film already submitted to a section is told so, without a green
"Eligible" beside it (item 10)."""

import pytest
from django.utils import translation

from festivals.enums import SubmissionStatus
from festivals.forms import SubmissionForm, section_label
from festivals.models import Submission
from films.models import Film
from tests.festivals.factories import EditionFactory, FestivalFactory, SectionFactory, SubmissionFactory
from tests.festivals.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def berlinale(open_section):
    """Two sections of one edition, both called by their kind: the case that read "Competition" twice."""
    festival = FestivalFactory(name_en="Berlinale", name_zh="柏林电影节")
    edition = EditionFactory(festival=festival, year=open_section.edition.year)
    for deadline in open_section.edition.deadlines.all():
        deadline.pk, deadline.edition = None, edition
        deadline.save()
    return [
        SectionFactory(edition=edition, name_en="Competition", name_zh="主竞赛"),
        SectionFactory(edition=edition, name_en="Shorts", name_zh=""),
    ]


def test_each_section_option_names_its_edition(client, producer, film, berlinale):
    competition, shorts = berlinale
    year = competition.edition.year
    client.force_login(producer)

    page = text_of(client.get("/festivals/submissions/new/"))

    assert f'<option value="{competition.pk}">Berlinale {year} — Competition</option>' in page
    assert f'<option value="{shorts.pk}">Berlinale {year} — Shorts</option>' in page
    assert f'<optgroup label="Berlinale {year}">' in page


def test_in_chinese_the_section_uses_the_chinese_names_where_present(berlinale):
    competition, shorts = berlinale
    year = competition.edition.year

    with translation.override("zh-hans"):
        labels = [section_label(competition), section_label(shorts)]

    assert labels == [f"柏林电影节 {year} — 主竞赛", f"柏林电影节 {year} — Shorts"]


def test_the_chosen_section_reads_alone(producer_org, berlinale):
    competition, _shorts = berlinale
    form = SubmissionForm(films=Film.objects.filter(organization=producer_org))

    choices = {
        value: label for _group, options in form.fields["section"].widget.choices[1:] for value, label in options
    }

    assert choices[competition.pk] == f"Berlinale {competition.edition.year} — Competition"


# --- Already submitted ----------------------------------------------------------------------


@pytest.fixture
def already(film, open_section):
    return SubmissionFactory(film=film, section=open_section, status=SubmissionStatus.SUBMITTED)


def test_checking_a_film_already_submitted_says_so_and_not_eligible(client, producer, film, open_section, already):
    client.force_login(producer)

    response = client.get(f"/festivals/submissions/new/?film={film.pk}&section={open_section.pk}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Already submitted</h2>" in html
    assert f'href="/festivals/submissions/{already.pk}/"' in html
    assert "(Submitted)" in html
    assert ">Eligible</h2>" not in html
    assert "notice-ok" not in html
    assert response.context["reasons"] is None


@pytest.mark.parametrize("action", ["draft", "submit"])
def test_saving_a_second_submission_names_the_section_and_saves_nothing(
    client, producer, film, open_section, already, action
):
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": action}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"section": ["This film is already submitted to this section."]}
    assert ">Eligible</h2>" not in response.content.decode()
    assert Submission.objects.filter(film=film).count() == 1


def test_a_withdrawn_submission_does_not_count(client, producer, film, open_section, already):
    already.status = SubmissionStatus.WITHDRAWN
    already.save()
    client.force_login(producer)

    response = client.get(f"/festivals/submissions/new/?film={film.pk}&section={open_section.pk}")

    assert "Already submitted" not in response.content.decode()
    assert response.context["reasons"] == []
