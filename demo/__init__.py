"""The demo: the six initiatives of CMO STAMM's publication, their people and a review
story, loaded by `python manage.py seed_demo` (scripts/demo.sh). Not used by the product
itself; it sits above every app (it writes through their services).
"""
