"""The statement of purpose's versions and the referrals with their placement decisions."""

from __future__ import annotations

from datetime import date

from ..domain.placements import PurposeVersion, Referral
from .repository import Repository


class PurposeRepository(Repository[PurposeVersion]):
    table = "purpose_versions"
    record_cls = PurposeVersion
    entity = "purpose_version"
    order_by = "effective_from"


class ReferralRepository(Repository[Referral]):
    table = "referrals"
    record_cls = Referral
    entity = "referral"
    order_by = "referred_on, ref"

    def touching(self, home_id: int, first: date, last: date) -> list[Referral]:
        """The referrals a period's findings look at: received from `first` to `last`, or ended then."""
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE home_id = ? AND (referred_on BETWEEN ? AND ? OR "
                             f"ended_on BETWEEN ? AND ?) ORDER BY {self.order_by}",
                             (home_id, first.isoformat(), last.isoformat(), first.isoformat(), last.isoformat()))
        return [self._decode(r) for r in rows]

    def of_child(self, child_id: int) -> Referral | None:
        row = self.db.query_one(f"SELECT * FROM {self.table} WHERE child_id = ?", (child_id,))
        return None if row is None else self._decode(row)
