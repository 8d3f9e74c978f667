"""Tejido: a desktop program for the programmes that strengthen a territory's associative fabric."""

__version__ = "0.1.0"
APP_NAME = "Tejido"
