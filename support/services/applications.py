"""Applications for export support: a producer of the film's company applies for it (its
company is the applicant), with budget lines adding up to the requested amount, PDF documents
and a statement. The form starts from what the portal knows: the film's festival selection, its
company's market participation with the film, or its film-week proposal.

One live application per film and programme: the database holds it (a partial unique
constraint), so of concurrent identical creations one is made and the others are refused
naming ``film``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.rules import memberships_of
from core.money import Money, money_errors, money_format, money_parse
from core.permissions import require_perm
from core.validators import text_clean
from core.workflow import audit_record
from festivals.enums import SELECTED_STATES, ProposalStatus, SubmissionStatus
from festivals.models import ShowcaseProposal, Submission
from films.models import Film
from markets.enums import ParticipationStatus
from markets.models import Participation
from support.documents import pdf_check, pdf_display_name
from support.enums import EDITABLE_STATES, ApplicationStatus, DocumentKind, ProgrammeKind
from support.models import Application, ApplicationDocument, BudgetLine, Programme

STATEMENT_MAX = 10_000
ITEM_MAX = 200
BUDGET_LINES_MAX = 50
DOCUMENTS_MAX = 30
UNIQUE_LIVE = "application_one_live_per_film"

# The thing each kind of programme funds: the application's field naming it.
THING_FIELD = {
    ProgrammeKind.FESTIVAL_PARTICIPATION: "submission",
    ProgrammeKind.MARKET_PARTICIPATION: "participation",
    ProgrammeKind.SHOWCASE: "proposal",
}
THING_FIELDS = ("submission", "participation", "proposal")


# --- What the portal knows ---------------------------------------------------------------------


def application_thing_choices(*, programme: Programme, film: Film) -> dict[str, list]:
    """The things the application may fund, per field, for the programme's kind: the film's
    festival submissions (selected or awarded first), its company's market participations
    presenting the film, the film's film-week proposals. Empty lists for kinds without one."""
    field = THING_FIELD.get(programme.kind)
    choices: dict[str, list] = {name: [] for name in THING_FIELDS}
    if field == "submission":
        rows = (
            Submission.objects.filter(film=film)
            .exclude(status=SubmissionStatus.WITHDRAWN)
            .select_related("section__edition__festival")
            .order_by("-updated_at", "-id")
        )
        choices["submission"] = sorted(rows, key=lambda s: s.status not in SELECTED_STATES)
    elif field == "participation":
        rows = (
            Participation.objects.filter(organization_id=film.organization_id, films=film)
            .select_related("edition__market")
            .order_by("-edition__starts_on", "-id")
        )
        choices["participation"] = sorted(
            rows, key=lambda p: p.status not in (ParticipationStatus.REGISTERED, ParticipationStatus.CONFIRMED)
        )
    elif field == "proposal":
        rows = ShowcaseProposal.objects.filter(film=film).select_related("showcase").order_by("-created_at", "-id")
        choices["proposal"] = sorted(rows, key=lambda p: p.status == ProposalStatus.DECLINED)
    return choices


def application_prefill(*, programme: Programme, film: Film) -> dict:
    """What a new application starts with: the thing funded the portal already knows (the film's
    selected or awarded festival submission, its company's registered or confirmed market
    participation with the film, its film-week proposal not declined), else nothing."""
    field = THING_FIELD.get(programme.kind)
    if field is None:
        return {}
    best = application_thing_choices(programme=programme, film=film)[field]
    if not best:
        return {}
    first = best[0]
    if field == "submission" and first.status not in SELECTED_STATES:
        return {}
    if field == "participation" and first.status not in (ParticipationStatus.REGISTERED, ParticipationStatus.CONFIRMED):
        return {}
    if field == "proposal" and first.status == ProposalStatus.DECLINED:
        return {}
    return {field: first}


# --- Input ---------------------------------------------------------------------------------------


def _money_of(value) -> Money | None:
    if isinstance(value, Money):
        return value
    if isinstance(value, dict):
        amount, currency = value.get("amount"), value.get("currency")
        if isinstance(amount, float | bool) or not isinstance(amount, str | int | Decimal | type(None)):
            raise ValidationError(_('Give the amount as a string, such as "12.50".'))
        if not isinstance(currency, str | type(None)):
            raise ValidationError(_("Give the currency as a code, such as CNY."))
        return money_parse(amount, currency)
    if value is None:
        return None
    raise ValidationError(_("Give an amount and a currency."))


def budget_line_errors(line, *, programme: Programme) -> tuple[str, Money | None, dict[str, list[str]]]:
    """One budget line's item and amount, and what is wrong with them per field (``item``,
    ``amount``): the item is text without NUL, at most 200 characters; the amount is more than
    zero, in the programme's currency."""
    errors: dict[str, list[str]] = {}
    if not isinstance(line, dict):
        return "", None, {"item": [_("Give an item and an amount.")]}
    item = text_clean(line.get("item"), "item", ITEM_MAX, errors, required=True)
    try:
        amount = _money_of(line.get("amount"))
    except ValidationError as exc:
        errors["amount"] = exc.messages
        return item, None, errors
    if amount is None:
        errors["amount"] = [_("Give the amount.")]
        return item, None, errors
    wrong = money_errors(amount.amount, amount.currency)
    if wrong:
        errors["amount"] = wrong
    elif amount.currency != programme.currency:
        errors["amount"] = [_("This programme takes amounts in %(currency)s only.") % {"currency": programme.currency}]
    elif amount.amount <= 0:
        errors["amount"] = [_("The amount must be more than zero.")]
    return item, amount, errors


def budget_lines_clean(raw, *, programme: Programme, errors: dict) -> list[tuple[str, Money]]:
    """The budget lines as ``(item, amount)`` (see :func:`budget_line_errors`), at most 50.
    Refusals go into ``errors["budget_lines"]``, each naming its line ("Line 2: …")."""
    if raw is None:
        return []
    if isinstance(raw, str | bytes | dict) or not isinstance(raw, Iterable):
        errors["budget_lines"] = [_("Give a list of budget lines.")]
        return []
    raw = list(raw)
    if len(raw) > BUDGET_LINES_MAX:
        errors["budget_lines"] = [_("At most %(limit)d budget lines.") % {"limit": BUDGET_LINES_MAX}]
        return []
    problems: list[str] = []
    lines: list[tuple[str, Money]] = []
    names = {"item": _("item"), "amount": _("amount")}
    for n, line in enumerate(raw, start=1):
        item, amount, line_errors = budget_line_errors(line, programme=programme)
        for field in ("item", "amount"):
            for message in line_errors.get(field, []):
                problems.append(
                    _("Line %(n)d, %(field)s: %(message)s") % {"n": n, "field": names[field], "message": message}
                )
        if not line_errors:
            lines.append((item, amount))
    if problems:
        errors["budget_lines"] = problems
        return []
    return lines


def _total(lines: list[tuple[str, Money]], currency: str) -> Money | None:
    if not lines:
        return None
    return Money(sum((amount.amount for _item, amount in lines), Decimal(0)), currency)


def _requested_check(requested, lines: list[tuple[str, Money]], currency: str, errors: dict) -> None:
    """A ``requested`` the client sends must equal the lines' total."""
    if requested is None or "budget_lines" in errors:
        return
    try:
        requested = _money_of(requested)
    except ValidationError as exc:
        errors["requested"] = exc.messages
        return
    total = _total(lines, currency) or Money(Decimal(0), currency)
    if requested is not None and (requested.currency != total.currency or requested.amount != total.amount):
        errors["requested"] = [
            _("The budget lines add up to %(total)s, not %(requested)s.")
            % {"total": money_format(total), "requested": money_format(requested)}
        ]


def _thing_clean(data: dict, *, programme: Programme, film: Film, errors: dict) -> dict:
    """The thing funded among ``data``'s ``submission``/``participation``/``proposal``: it must
    fit the programme's kind and belong to this film (a participation: the film's company's,
    presenting the film). Returns the fields to set."""
    wanted = THING_FIELD.get(programme.kind)
    updates: dict = {}
    for field in THING_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if value in (None, ""):
            updates[field] = None
            continue
        if field != wanted:
            errors[field] = [_("This programme does not fund this kind of thing.")]
            continue
        pk = getattr(value, "pk", value)
        if isinstance(pk, bool) or not isinstance(pk, int | str) or not str(pk).isdigit() or int(pk) > 2**63 - 1:
            errors[field] = [_("Choose one of the film's own.")]
            continue
        if field == "submission":
            found = Submission.objects.filter(pk=pk, film=film).exclude(status=SubmissionStatus.WITHDRAWN)
        elif field == "participation":
            found = Participation.objects.filter(pk=pk, organization_id=film.organization_id, films=film)
        else:
            found = ShowcaseProposal.objects.filter(pk=pk, film=film)
        thing = found.first()
        if thing is None:
            errors[field] = [_("Choose one of the film's own.")]
        else:
            updates[field] = thing
    return updates


def _lines_save(application: Application, lines: list[tuple[str, Money]]) -> None:
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(application=application, position=n, item=item, amount=amount)
            for n, (item, amount) in enumerate(lines)
        ]
    )


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- Create and update ---------------------------------------------------------------------------


def application_create(
    *,
    actor,
    programme: Programme,
    film: Film,
    statement: str = "",
    budget_lines=None,
    requested=None,
    prefill: bool = True,
    **thing,
) -> Application:
    """Start a draft application of ``film``'s company to ``programme``.

    The actor is a producer member of the film's company (else 403). The programme is
    published; the film has no live application to this programme (else 400 naming ``film``,
    also when a concurrent creation wins: the database's constraint decides). ``thing`` may name
    ``submission``, ``participation`` or ``proposal`` (fitting the programme's kind, the film's
    own); left out, the thing the portal knows is filled in (``application_prefill``).

    Side effects: the application and its budget lines saved; an audit event records the
    creation."""
    require_perm(actor, "support.apply", message=_("Only producers apply for support."))
    if film.organization_id not in memberships_of(actor):
        raise PermissionDenied(_("Only members of the film's company apply for its support."))
    errors: dict = {}
    if not programme.published:
        errors["programme"] = [_("This programme is not open to applications.")]
    statement = text_clean(statement, "statement", STATEMENT_MAX, errors)
    lines = budget_lines_clean(budget_lines, programme=programme, errors=errors)
    _requested_check(requested, lines, programme.currency, errors)
    unknown = set(thing) - set(THING_FIELDS)
    if unknown:
        raise TypeError(f"application_create() got unexpected arguments {sorted(unknown)}")
    updates = _thing_clean(thing, programme=programme, film=film, errors=errors)
    if prefill and not any(field in thing for field in THING_FIELDS):
        updates = application_prefill(programme=programme, film=film)
    if _live_exists(programme, film):
        errors["film"] = [_duplicate_message()]
    _raise(errors)
    application = Application(
        programme=programme,
        film=film,
        organization_id=film.organization_id,
        status=ApplicationStatus.DRAFT,
        statement=statement,
        requested=_total(lines, programme.currency),
        created_by=actor,
        **updates,
    )
    try:
        with transaction.atomic():
            application.save()
            _lines_save(application, lines)
            audit_record(obj=application, actor=actor, from_state="", to_state=ApplicationStatus.DRAFT)
    except IntegrityError as exc:
        if UNIQUE_LIVE in str(exc):
            raise ValidationError({"film": [_duplicate_message()]}) from exc
        raise
    return application


def _live_exists(programme: Programme, film: Film) -> bool:
    return (
        Application.objects.filter(programme=programme, film=film)
        .exclude(status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED])
        .exists()
    )


def _duplicate_message() -> str:
    return _("This film already has an application to this programme: open it instead of starting another.")


UPDATABLE = ("statement", "budget_lines", "requested", *THING_FIELDS)


def _editable_locked(*, actor, application: Application) -> Application:
    """The application's row locked (inside a transaction), after checking that the actor may
    change it and that it is in an editable state."""
    locked = (
        Application.objects.select_for_update(of=("self",)).select_related("programme", "film").get(pk=application.pk)
    )
    require_perm(
        actor, "support.change_application", locked, _("Only the applicant company's producers may change it.")
    )
    if locked.status not in EDITABLE_STATES:
        raise ValidationError({"status": [_("Only a draft or an application with changes requested can be changed.")]})
    return locked


def application_update(*, actor, application: Application, data: dict) -> Application:
    """Change a draft (or an application with changes requested): ``data`` may hold
    ``statement``, ``budget_lines`` (replacing all the lines; the requested amount becomes their
    total), ``requested`` (checked against that total, never stored apart) and the thing funded
    (``submission``, ``participation`` or ``proposal``, fitting the programme's kind).

    Refusals: 403 for anyone but the applicant company's producers; 400 per field, nothing
    saved. Side effects: the application's row locked, its fields and budget lines saved."""
    unknown = set(data) - set(UPDATABLE)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    with transaction.atomic():
        locked = _editable_locked(actor=actor, application=application)
        programme = locked.programme
        errors: dict = {}
        fields: list[str] = []
        if "statement" in data:
            locked.statement = text_clean(data["statement"], "statement", STATEMENT_MAX, errors)
            fields.append("statement")
        lines = None
        if "budget_lines" in data:
            lines = budget_lines_clean(data["budget_lines"], programme=programme, errors=errors)
        if data.get("requested") is not None:
            if lines is None:
                current = [(line.item, line.amount) for line in locked.budget_lines.all()]
                _requested_check(data["requested"], current, programme.currency, errors)
            else:
                _requested_check(data["requested"], lines, programme.currency, errors)
        for field, value in _thing_clean(data, programme=programme, film=locked.film, errors=errors).items():
            setattr(locked, field, value)
            fields.append(field)
        _raise(errors)
        if lines is not None:
            _lines_save(locked, lines)
            locked.requested = _total(lines, programme.currency)
            fields += ["requested_amount", "requested_currency"]
        locked.save(update_fields=[*fields, "updated_at"])
    return locked


# --- Documents ------------------------------------------------------------------------------------


def application_document_add(*, actor, application: Application, kind: str, upload) -> ApplicationDocument:
    """Attach a PDF of ``kind`` (a ``DocumentKind``) to an editable application.

    The file is checked by its content (``support.documents.pdf_check``: a PDF, not empty, at
    most 20 MB); refusals are 400 naming ``file`` or ``kind``, nothing stored. Side effects: the
    file stored under an unguessable name, the document row saved."""
    with transaction.atomic():
        locked = _editable_locked(actor=actor, application=application)
        errors: dict = {}
        if not isinstance(kind, str) or kind not in DocumentKind.values:
            errors["kind"] = [_("Choose the kind of document.")]
        try:
            content = pdf_check(upload, field="file")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if locked.documents.count() >= DOCUMENTS_MAX:
            errors.setdefault("file", []).append(
                _("At most %(limit)d documents per application.") % {"limit": DOCUMENTS_MAX}
            )
        _raise(errors)
        document = ApplicationDocument(
            application=locked, kind=kind, name=pdf_display_name(upload), size=content.size, uploaded_by=actor
        )
        document.file.save(content.name, content, save=False)
        document.save()
        locked.save(update_fields=["updated_at"])
    return document


def application_document_remove(*, actor, document: ApplicationDocument) -> None:
    """Remove a document of an editable application. Side effects: the row deleted and, once the
    transaction commits, its file."""
    with transaction.atomic():
        locked = _editable_locked(actor=actor, application=document.application)
        storage, name = document.file.storage, document.file.name
        ApplicationDocument.objects.filter(pk=document.pk, application=locked).delete()
        locked.save(update_fields=["updated_at"])
        transaction.on_commit(lambda: storage.delete(name) if name else None)
