"""The inspection-evidence assistant: records and evidence for children's homes in England."""

__version__ = "0.1.0"
