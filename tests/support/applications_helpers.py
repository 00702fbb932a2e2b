"""What the applications tests share: real and forged PDFs, a film's selection at a festival of
a tier, a market participation presenting the film, and a complete application ready to
submit."""

from django.core.files.uploadedfile import SimpleUploadedFile

from festivals.enums import SubmissionStatus
from support.enums import ApplicationStatus, DocumentKind
from support.models import ApplicationDocument, BudgetLine
from tests.festivals.factories import EditionFactory, FestivalFactory, SectionFactory, SubmissionFactory
from tests.films.factories import png_bytes
from tests.markets.participation_factories import ParticipationFactory
from tests.support.factories import ApplicationFactory, cny

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "budget.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def png_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("budget.pdf", png_bytes(), content_type="application/pdf")


def text_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("budget.pdf", b"just some words, not a PDF\n" * 20, content_type="application/pdf")


def selection(film, *, tier: str = "A", status: str = SubmissionStatus.SELECTED):
    """A submission of ``film`` to a festival of ``tier`` with ``status``."""
    festival = FestivalFactory(tier=tier)
    section = SectionFactory(edition=EditionFactory(festival=festival))
    return SubmissionFactory(film=film, section=section, status=status)


def participation(film, *, status: str = "registered"):
    """The film's company at a market edition, presenting ``film``."""
    row = ParticipationFactory(organization=film.organization, status=status)
    row.films.add(film)
    return row


def complete_application(**kwargs):
    """A draft that passes every rule of a festival programme: a selected submission at an A
    festival, a budget line of the requested 50,000 CNY, a statement, the documents the
    programme requires."""
    kwargs.setdefault("status", ApplicationStatus.DRAFT)
    application = ApplicationFactory(**kwargs)
    if application.submission_id is None:
        application.submission = selection(application.film)
        application.save(update_fields=["submission"])
    BudgetLine.objects.create(application=application, item="Travel", amount=application.requested or cny(50_000))
    for kind in application.programme.required_documents or []:
        document = ApplicationDocument(application=application, kind=kind, name=f"{kind}.pdf", size=len(PDF))
        document.file.save("x.pdf", pdf_upload(), save=False)
        document.save()
    return application


__all__ = ["PDF", "DocumentKind", "cny"]


def support_application_document(application, *, kind: str = DocumentKind.BUDGET, uploaded_by=None):
    """A stored PDF attached to ``application``."""
    document = ApplicationDocument(
        application=application, kind=kind, name="budget.pdf", size=len(PDF), uploaded_by=uploaded_by
    )
    document.file.save("x.pdf", pdf_upload(), save=False)
    document.save()
    return document
