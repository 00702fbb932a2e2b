from django.http import Http404


def application_detail(request, pk: int):
    raise Http404
