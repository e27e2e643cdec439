"""Plotting helpers: Chinese fonts, the course style, feature-map grids, attention overlays.

Importing ``convcourse`` does not import matplotlib; this subpackage does, when first used, and registers the
course fonts then: every function below draws Chinese labels, so a figure drawn from a plain Python process
(no ``convcourse.setup()`` first) must not fall back to a font without Chinese glyphs.
"""
from .fonts import FONT_FAMILY, FONT_PATH, setup_fonts, missing_glyphs
from .style import use_course_style
from .maps import feature_grid, overlay_heatmap, attention_mass_in_box, attention_auroc_in_box

__all__ = ["FONT_FAMILY", "FONT_PATH", "setup_fonts", "missing_glyphs", "use_course_style",
           "feature_grid", "overlay_heatmap", "attention_mass_in_box", "attention_auroc_in_box"]

setup_fonts()
