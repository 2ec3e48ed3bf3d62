"""The referrals and placements area: the pipeline of referrals, the placements' outcomes and the statement of
purpose, kept in step with one another."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..tabbed_area import TabbedArea
from .pipeline_tab import PipelineTab


class ReferralsArea(TabbedArea):
    """Three tabs over one home's placement records (a new version of the statement of purpose, or a new final say,
    changes the pipeline's marks at once: TabbedArea refreshes the others after a save in one)."""

    title = "Referrals and placements"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, "Referrals and placements: referrals, outcomes and the statement of purpose", parent)
        # imported here: the tabs are the area's parts, and the window imports the area only when first shown
        from .outcomes_tab import OutcomesTab
        from .purpose_tab import PurposeTab

        self.pipeline = PipelineTab(ws, home)
        self.outcomes = OutcomesTab(ws, home)
        self.purpose = PurposeTab(ws, home)
        self.add_tab(self.pipeline, "&Referrals", "Every referral and the decision on it (reg 14; Narey 23 and 24)")
        self.add_tab(self.outcomes, "&Outcomes", "The placements: length of stay, planned and unplanned endings")
        self.add_tab(self.purpose, "Statement of &purpose",
                     "The statement of purpose's versions (reg 16) and who has the final say on placements")
