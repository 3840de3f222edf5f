"""When a year's stories or their consent change, nothing made before may be handed out:
cached sheets (A4 and A3, member and public) and ZIPs holding the sheet are removed at
once. Their stamps changed too, so they would never be served again; removing them also
keeps a withdrawn story from waiting on disk."""

from __future__ import annotations

from impact.factsheet.render import forget_sheets
from impact.portal.bundles import forget_bundles_with
from theory_of_change.models import TheoryOfChange


def on_stories_changed(sender, theory_id: int, **kwargs) -> None:
    theory = TheoryOfChange.objects.select_related("initiative").filter(pk=theory_id).first()
    if theory is not None:
        forget_sheets(theory)
    forget_bundles_with(theory_id)
