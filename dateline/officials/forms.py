from wagtail.admin.forms import WagtailAdminModelForm

from . import seats


class OfficialForm(WagtailAdminModelForm):
    """Refuses terms that would put two people in one seat, naming both terms."""

    def is_valid(self):
        if not super().is_valid():
            return False
        formset = self.formsets["terms"]
        name = self.cleaned_data.get("name") or self.instance.name
        own_key = self.instance.pk or "this official"
        proposed = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("office") or not data.get("start"):
                continue
            proposed.append(
                seats.Seat(
                    holder=name,
                    holder_key=own_key,
                    office=data["office"].title,
                    district=data.get("district", ""),
                    start=data["start"],
                    end=data.get("end"),
                    single_seat=data["office"].single_seat,
                )
            )
        # Reached through the relation: models.py builds on this form.
        terms = self._meta.model._meta.get_field("terms").related_model
        others = terms.objects.select_related("official", "office")
        if self.instance.pk:
            others = others.exclude(official=self.instance)
        problems = seats.conflicts(proposed + [t.as_seat() for t in others])
        for problem in problems:
            self.add_error(None, problem)
        return not problems
