"""Festivals pages: the directory and calendar (public), producers' festival strategy and
submissions, agency admins' decisions, public screenings on a film's page, film weeks.

Views parse input, check permission on the object, call one service or selector and render.
An object the user may not see answers 404; an action not allowed on a visible object 403.
"""
