from django.urls import path

from films import views

app_name = "films"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.my_films, name="my_films"),
    path("new/", views.film_create, name="film_create"),
    path("review/", views.review_queue, name="review_queue"),
    path("import/", views.film_import, name="film_import"),
    path("import/template.csv", views.film_import_template, name="film_import_template"),
    path("<int:pk>/", views.film_detail, name="film_detail"),
    path("<int:pk>/edit/", views.film_edit, name="film_edit"),
    path("<int:pk>/rights/", views.film_rights, name="film_rights"),
    path("<int:pk>/media/", views.film_media, name="film_media"),
    path("<int:pk>/media/<int:image_pk>/delete/", views.film_image_delete, name="film_image_delete"),
    path("<int:pk>/transition/", views.film_transition, name="film_transition"),
    path("<int:pk>/revisions/<int:revision_pk>/transition/", views.revision_transition, name="revision_transition"),
    path("<int:pk>/shortlist/", views.shortlist_add, name="shortlist_add"),
    path("<int:pk>/screener/", views.screener_request_new, name="screener_request_new"),
    path("screeners/", views.screener_request_list, name="screener_request_list"),
    path("screeners/<int:pk>/", views.screener_request_detail, name="screener_request_detail"),
    path("screeners/<int:pk>/transition/", views.screener_request_transition, name="screener_request_transition"),
    path("shortlists/", views.shortlist_list, name="shortlist_list"),
    path("shortlists/<int:pk>/", views.shortlist_detail, name="shortlist_detail"),
    path("shortlists/<int:pk>/delete/", views.shortlist_delete, name="shortlist_delete"),
    path("shortlists/<int:pk>/remove/<int:film_pk>/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlists/<int:pk>/export.csv", views.shortlist_export, name="shortlist_export"),
    path("shortlists/<int:pk>/print/", views.shortlist_print, name="shortlist_print"),
]
