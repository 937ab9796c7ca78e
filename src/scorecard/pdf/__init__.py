"""PDF reports, ReportLab only: domain objects in, bytes out.

- `render_consolidated(report)` — the hiring committee's report for one candidate;
- `render_interviewer(report)` — one interviewer's scorecard;
- `render_round_guide(kit=…, round_id=…)` — the blank, printable kit for one round;
- `render_calibration(report, exported_at=…)` — the coordinator's interviewer calibration report.

See docs/pdf-reports.md.
"""

from scorecard.pdf.calibration import render_calibration
from scorecard.pdf.consolidated import render_consolidated
from scorecard.pdf.interviewer import render_interviewer
from scorecard.pdf.round_guide import render_round_guide

__all__ = ["render_calibration", "render_consolidated", "render_interviewer", "render_round_guide"]
