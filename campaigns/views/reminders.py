"""The reminder settings page: a signed-in person's offsets and what they will hear of next."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.forms_reminders import ReminderSettingForm
from campaigns.models.reminders import REMINDER_OFFSETS_DEFAULT
from campaigns.selectors.reminders import reminder_offsets_for, reminder_upcoming_for
from campaigns.services.reminders import reminder_setting_set
from core.pages import bound
from notifications.registry import kind_get


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    offsets = reminder_offsets_for(user=request.user)
    form = ReminderSettingForm(bound(request), initial={"offsets": ", ".join(str(d) for d in offsets)})
    if request.method == "POST" and form.is_valid():
        reminder_setting_set(user=request.user, offsets=form.cleaned_data["offsets"])
        messages.success(request, _("Your reminder offsets are saved."))
        return redirect("campaigns_reminders:settings")
    context = {
        "form": form,
        "offsets": offsets,
        "defaults": REMINDER_OFFSETS_DEFAULT,
        "upcoming": [
            {
                "line": kind_get(u.subject.kind).subject_for(
                    {**u.subject.context, "offset_hours": u.offset_hours, "written_at": u.remind_at.isoformat()}
                ),
                "url": u.subject.url,
                "remind_at": u.remind_at,
                "at": u.subject.at,
            }
            for u in reminder_upcoming_for(user=request.user, now=timezone.now())
        ],
    }
    return render(request, "campaigns/reminders_settings.html", context, status=400 if form.errors else 200)
