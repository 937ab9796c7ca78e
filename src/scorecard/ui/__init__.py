"""The PySide6 desktop UI. Entry point: `scorecard.ui.app.run_gui(db_path, argv)`.

Widgets call services (never SQL) and hold no business rules; `app.py` shows the
window before the services (and the database) are even imported.
"""
