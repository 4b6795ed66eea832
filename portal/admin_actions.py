from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError


class CheckedSelectionMixin:
    """Changelist actions posted with a selection that is not ids (a hand-made
    request) get a message instead of a server error from the id lookup."""

    def response_action(self, request, queryset):
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(value)
        except ValidationError:
            self.message_user(
                request, "The selection is not valid. No items have been changed.", messages.ERROR
            )
            return None
        return super().response_action(request, queryset)
