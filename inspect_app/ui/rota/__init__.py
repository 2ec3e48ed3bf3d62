"""The window's area for the rota and key times (schedule 4, Narey recommendation 4): the week's rota with its
coverage, the month's coverage and the home's key-time windows, one tab each."""

from .area import RotaArea

__all__ = ["RotaArea"]
