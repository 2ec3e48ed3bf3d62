"""The independent visits area: the visits, recommendations and visitors tabs, kept in step with one another."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..tabbed_area import TabbedArea
from .visits_tab import VisitsTab


class VisitsArea(TabbedArea):
    """Three tabs over one home's reg 43 and 44 records (a new visit is at once in the recommendations' choice of
    visits: TabbedArea keeps them in step)."""

    title = "Independent visits (reg 44)"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, "Independent visits: visits, recommendations and visitors", parent)
        # imported here: the tabs are the area's parts, and the window imports the area only when first shown
        from .recommendations_tab import RecommendationsTab
        from .visitors_tab import VisitorsTab

        self.visits = VisitsTab(ws, home)
        self.recommendations = RecommendationsTab(ws, home)
        self.visitors = VisitorsTab(ws, home)
        self.add_tab(self.visits, "&Visits", "Each month's visit and its report (reg 44)")
        self.add_tab(self.recommendations, "&Recommendations",
                     "The reports' recommendations and the home's decision on each (reg 44(5))")
        self.add_tab(self.visitors, "V&isitors", "The independent persons and their declarations (reg 43)")
