"""Realistic example data (``tejido demo``, the first-run "try with example data", benchmarks)."""

from app.services.demo.generate import SCALES, DemoSummary, fill_demo

__all__ = ["SCALES", "DemoSummary", "fill_demo"]
