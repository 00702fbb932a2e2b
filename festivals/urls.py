from django.urls import path

from festivals.views import calendar, directory, screenings, showcases, submissions

app_name = "festivals"

urlpatterns = [
    path("", directory.festival_list, name="directory"),
    path("<int:pk>/", directory.festival_detail, name="festival_detail"),
    path("<int:pk>/follow/", directory.festival_follow, name="follow"),
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar.ics", calendar.calendar_ics, name="calendar_ics"),
    path("strategy/", submissions.strategy, name="strategy"),
    path("decisions/", submissions.decisions, name="decisions"),
    path("submissions/new/", submissions.submission_create, name="submission_create"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/transition/", submissions.submission_transition, name="submission_transition"),
    path("submissions/<int:pk>/delete/", submissions.submission_delete, name="submission_delete"),
    path("films/<int:film_pk>/screenings/", screenings.film_screenings, name="film_screenings"),
    path("screenings/<int:pk>/delete/", screenings.screening_delete, name="screening_delete"),
    # --- Film weeks (festivals/views/showcases.py) ---
    path("film-weeks/", showcases.showcase_list, name="showcase_list"),
    path("film-weeks/<int:pk>/", showcases.showcase_detail, name="showcase_detail"),
    path("film-weeks/<int:pk>/propose/", showcases.showcase_propose, name="showcase_propose"),
    path(
        "film-weeks/<int:pk>/proposals/<int:proposal_pk>/transition/",
        showcases.proposal_transition,
        name="showcase_proposal_transition",
    ),
    path("film-weeks/<int:pk>/programme/", showcases.programme_add, name="showcase_programme_add"),
    path("film-weeks/<int:pk>/attendance/", showcases.attendance_report, name="showcase_attendance"),
    # --- end of film weeks ---
]
