"""User-facing words used in more than one place (titles, generic errors, confirmations, in British English), and
the window's ways of asking before a change that Cancel cannot undo."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from .dialog_fit import FitHeight

APP_TITLE = "Inspection evidence"
GENERIC_ERROR_TITLE = "Something went wrong"
GENERIC_ERROR = (
    "The program hit a problem it did not expect. Nothing you had already saved is lost. "
    "The details below help support find the cause; copy them if you report it."
)
DISCARD_TITLE = "Discard changes?"
DISCARD_TEXT = "You have changes that are not saved. Close without saving them?"
FIX_PROBLEMS = "Please check the fields marked below."
NOT_BUILT_YET = (
    "This part of the program is coming in a later version. Records for it cannot be kept here yet; "
    "keep your current paper or spreadsheet record until then."
)


def ask(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Asks before a change that is not undone by Cancel (a shift removed, a week copied, a key-time window removed),
    the button naming the change and Cancel the default; its users import it by name, so tests replace it there."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def ask_reason(parent: QWidget, title: str, text: str, action: str) -> str | None:
    """Asks before such a change when the record must keep why (a shift that has started taken off the rota): the
    reason typed (perhaps blank: the service says it is needed), or None for Cancel; tests replace it, as `ask`."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    question = QLabel(text)
    question.setWordWrap(True)
    reason = QLineEdit()
    reason.setAccessibleName("Reason")
    label = QLabel("&Reason:")
    label.setBuddy(reason)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    act = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in (question, label, reason, buttons):
        layout.addWidget(part)
    act.setDefault(True)  # only once inside the dialog does Qt keep it as Enter's button
    dialog.setMinimumWidth(520)
    FitHeight(dialog)  # the question's wrapped lines whole
    return reason.text().strip() if dialog.exec() == QDialog.DialogCode.Accepted else None
