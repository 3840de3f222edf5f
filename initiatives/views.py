# Temporary: replaced by the initiatives views (list, detail, edit, members, invitations).
def _todo(*args, **kwargs):
    raise NotImplementedError


initiative_list = initiative_detail = initiative_edit = members = _todo
invitation_revoke = membership_remove = invitation_accept = _todo
