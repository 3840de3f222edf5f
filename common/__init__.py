"""Shared infrastructure: e-mail, safe redirects, image handling, edit conflicts and double
submissions, sending stored files.

Every app may import from here; nothing here imports an app (the import contract in
pyproject.toml checks both). A Django app only so that its template tags load.
"""
