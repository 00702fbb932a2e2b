"""The screener upload form: the file is judged by the service (ffprobe, size cap)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScreenerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Screener file"),
        help_text=_("An MP4 video (H.264) or a WebM video (VP8, VP9 or AV1), checked by its content."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm,.mp4,.m4v,.webm"}),
    )
