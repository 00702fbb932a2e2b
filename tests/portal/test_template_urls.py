"""Every page address a template names exists: ``{% url 'ns:name' … as var %}`` stays silent when
the name is wrong (it leaves ``var`` empty), so a typo or a renamed route would quietly drop a
link. This reads every template of the project and resolves each name it gives."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import NoReverseMatch, get_resolver, reverse

ROOT = Path(settings.BASE_DIR)
_URL_TAG = re.compile(r"{%\s*url\s+['\"]([\w:.-]+)['\"]")


def _templates() -> list[Path]:
    folders = [ROOT / "templates", *(p for p in ROOT.glob("*/templates") if ".venv" not in p.parts)]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def _known(name: str) -> bool:
    *namespaces, view = name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    if view in resolver.reverse_dict:
        return True
    try:  # a name without arguments resolves outright (the admin's, for one)
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_every_url_name_in_a_template_exists():
    named = {
        (str(path.relative_to(ROOT)), name)
        for path in _templates()
        for name in _URL_TAG.findall(path.read_text(encoding="utf-8"))
    }
    assert len(named) > 100
    assert sorted((path, name) for path, name in named if not _known(name)) == []
