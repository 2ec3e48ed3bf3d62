"""User-facing words used in more than one place: titles, generic errors, confirmations (British English)."""

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
