"""Under the entry form: what this person or collective received before (any ceremony of
the book), and a warning when the same form comes again within the office's period."""

from __future__ import annotations

from models.domain.records import Awardee, AwardForm
from models.reports import history
from ui.widgets import NoticeLabel

SHOWN = 3  # earlier awards named; the history dialog has them all


class HistoryNote(NoticeLabel):
    def __init__(self, session, parent=None):
        super().__init__(parent, lines=2)
        self.session = session

    def show_for(self, record: Awardee, form: AwardForm | None, year: int | None) -> None:
        if len(record.name.split()) < 2:  # a name being typed: "N", "Ng" would match half the book
            self.clear_notice()
            return
        earlier = history.earlier_awards(self.session.history, record)
        if not earlier:
            self.clear_notice()
            return
        years = self.session.settings.repeat_years()
        again = history.repeated(earlier, form, year, years)
        if again:
            self.show_notice("⚠ " + history.repeat_warning(record, again, years), "warning")
            return
        listed = "; ".join(f"{r.year or '—'} {history.award_label(r)}" for r in earlier[-SHOWN:][::-1])
        more = f" và {len(earlier) - SHOWN} lần khác" if len(earlier) > SHOWN else ""
        self.show_notice(f"Đã khen trước đây: {listed}{more} (Tra cứu › Quá trình khen thưởng).", "info")
