"""The support API: programmes, applications (moved with ``transition/``), reviews, payments."""

from support.api import applications, payments, programmes, reviews


def register(router) -> None:
    programmes.register(router)
    applications.register(router)
    reviews.register(router)
    payments.register(router)
