"""The reg 35 area of the window: the list of measures, the record form, sign-off, the child conversation, addenda."""
