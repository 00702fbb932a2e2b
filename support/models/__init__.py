from support.models.applications import Application, ApplicationDocument, BudgetLine
from support.models.payments import FinalReport, Payment
from support.models.programmes import Criterion, Programme
from support.models.reviews import CriterionScore, Review

__all__ = [
    "Application",
    "ApplicationDocument",
    "BudgetLine",
    "Criterion",
    "CriterionScore",
    "FinalReport",
    "Payment",
    "Programme",
    "Review",
]
