"""Render the committee view screenshot: uv run python scripts/committee_screenshot.py docs/screenshots/committee-view.png /tmp/matrix.png"""
import os, sys, tempfile, pathlib
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["SCORECARD_DATA_DIR"] = tempfile.mkdtemp()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from scorecard.ui import theme
from scorecard.ui.app import register_fonts
register_fonts()
theme.apply(app)
from scorecard.services import open_services
from scorecard.services.demo import fill_demo
from scorecard.services.committee import committee_view
from scorecard.domain.panel import Role
from scorecard.ui.committee.view import CommitteeDialog
d = pathlib.Path(tempfile.mkdtemp())
svc = open_services(d / "demo.sqlite3")
svc.kits.import_bundled()
fill_demo(svc)
svc.panel.set_role(Role.COORDINATOR)
cands = svc.candidates.all()
best = max(cands, key=lambda c: len(svc.scoring.for_candidate(c.id)))
cards = svc.scoring.for_candidate(best.id)
_vid, kit = svc.kits.latest(best.kit_id)
# an assigned round still missing
svc.panel.assign(candidate_id=best.id, round_id=kit.rounds[-1].id, interviewers=["Priya Raman"], round_ids={r.id for r in kit.rounds})
view = committee_view(svc, candidate_id=best.id, viewer="Coordinator")
dlg = CommitteeDialog(view)
dlg.resize(1280, 720)
best_round = max(range(1, dlg.round_combo.count()), key=lambda i: int(dlg.round_combo.itemText(i).split("(")[1].split()[0]))
dlg.round_combo.setCurrentIndex(best_round)
dlg.show()
app.processEvents()
dlg.side_by_side.resizeColumnsToContents()
for c in range(dlg.side_by_side.columnCount()):
    dlg.side_by_side.setColumnWidth(c, 230)
app.processEvents()
dlg.grab().save(sys.argv[1])
dlg.tabs.setCurrentIndex(1)
dlg.matrix.setColumnWidth(dlg.matrix.columnCount()-1, 260)
app.processEvents()
dlg.grab().save(sys.argv[2])
print(best.name, len(cards))
