"""Steps the browser journeys share: signing in and out, and where screenshots go."""

import os
from pathlib import Path

from tests.factories import PASSWORD


def shots_dir(tmp_path) -> Path:
    """$E2E_SCREENSHOTS when set (to keep the screenshots), else the test's own folder."""
    folder = Path(os.environ.get("E2E_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")


def open_menu(page, name: str) -> None:
    """Open one of the header's menus ("Account", "Agency"): a <details> whose summary is ``name``."""
    menu = page.get_by_role("navigation", name="Main").locator("details", has=page.locator("summary", has_text=name))
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


def log_out(page) -> None:
    open_menu(page, "Account")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")
